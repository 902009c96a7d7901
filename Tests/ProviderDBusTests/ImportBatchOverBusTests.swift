import DBusKit
import Foundation
import Testing
import TestSupport

/// `ImportBatch` as third-party clients call it: python3-dbus with a bad file in the middle and
/// an empty batch, busctl as a user without Create.
@Suite(.sharedDaemon) struct ImportBatchOverBusTests {
    /// Connects to the bus in `argv[1]`; `report(results)` prints each result of a batch call —
    /// `label path error-name warnings`, then the new package's Name or the error's message.
    /// Shared with ImportBatchFdOverBusTests.
    static let clientPrelude = """
        import os, sys, dbus
        bus = dbus.bus.BusConnection(sys.argv[1])
        packages = bus.get_object('org.tsprovider.Provider1', '/org/tsprovider/Provider1/SMS_TaskSequencePackage')
        def report(results):
            for label, path, name, message, warnings in results:
                print(label, path, name or '-', list(warnings))
                if path != '/':
                    package = bus.get_object('org.tsprovider.Provider1', path)
                    print(' name', package.Get('org.tsprovider.Provider1.SMS_TaskSequencePackage', 'Name',
                                               dbus_interface='org.freedesktop.DBus.Properties'))
                else:
                    print(' message', message)

        """

    static let script = clientPrelude + """
        files = [('good.xml', sys.argv[2], {'Name': 'Batch good'}),
                 ('bad.xml', '<sequence><step', {}),
                 ('also-good.xml', sys.argv[2], {'Name': 'Batch also good'})]
        report(packages.ImportBatch(files, dbus_interface='org.tsprovider.Provider1.TaskSequencePackageClass',
                                    signature='a(ssa{sv})'))
        print('empty', list(packages.ImportBatch([], dbus_interface='org.tsprovider.Provider1.TaskSequencePackageClass',
                                                 signature='a(ssa{sv})')))
        """

    @Test func eachFileIsReportedInOrderAndABadOneLeavesTheOthersImported() throws {
        let daemon = try SharedDaemon.current()
        let run = try ExternalTools.python(Self.script, daemon, [SmallSequence.restart])
        #expect(run.succeeded, "\(run)")
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        try #require(lines.count == 7, "\(run)")
        #expect(lines[0].hasPrefix("good.xml /org/tsprovider/Provider1/SMS_TaskSequencePackage/") && lines[0].hasSuffix(" - []"), "\(lines[0])")
        #expect(lines[1] == " name Batch good")
        #expect(lines[2] == "bad.xml / org.tsprovider.Provider1.Error.InvalidXml []")
        #expect(lines[3].hasPrefix(" message 1:"), "\(lines[3])")
        #expect(lines[4].hasPrefix("also-good.xml /org/tsprovider/Provider1/SMS_TaskSequencePackage/"), "\(lines[4])")
        #expect(lines[5] == " name Batch also good")
        #expect(lines[6] == "empty []")
    }

    @Test func aUserWithoutCreateIsRefusedAndNothingIsImported() throws {
        let daemon = try SharedDaemon.current()
        let refused = try ExternalTools.runAsTestUser(ExternalTools.busctl, [
            "--address=\(daemon.bus.address)", "call", Provider.busName, Provider.packageClassPath, Provider.packageClassInterface,
            "ImportBatch", "a(ssa{sv})", "1", "mine.xml", SmallSequence.restart, "1", "Name", "s", "Refused batch",
        ])
        // busctl prints strerror for the standard AccessDenied.
        #expect(!refused.succeeded && refused.standardError.contains("Access denied"), "\(refused)")
        let listing = try ExternalTools.busctl(daemon, ["--json=short", "call", Provider.busName, Provider.packageClassPath,
                                                        Provider.packageClassInterface, "GetPackages"])
        #expect(listing.succeeded, "\(listing)")
        #expect(try BusctlJSON.parse(listing.standardOutput).type == "aa{sv}")
        #expect(!listing.standardOutput.contains("Refused batch"))
    }
}

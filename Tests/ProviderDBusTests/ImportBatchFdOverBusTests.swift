import DBusKit
import Foundation
import Testing
import TestSupport

/// `ImportBatchFd` as a third-party client calls it: python3-dbus passing open files — a
/// sequence, a malformed file, a zip export and a directory that cannot be read as a file —
/// and a user without Create.
@Suite(.sharedDaemon) struct ImportBatchFdOverBusTests {
    static let script = ImportBatchOverBusTests.clientPrelude + """
        def opened(path):
            return dbus.types.UnixFd(os.open(path, os.O_RDONLY))
        files = [('good.xml', opened(sys.argv[2]), {'Name': 'Fd batch good'}),
                 ('bad.xml', opened(sys.argv[3]), {}),
                 ('export.zip', opened(sys.argv[4]), {'Name': 'Fd batch zip'}),
                 ('a-directory', opened(sys.argv[5]), {})]
        report(packages.ImportBatchFd(files, dbus_interface='org.tsprovider.Provider1.TaskSequencePackageClass',
                                      signature='a(sha{sv})'))
        print('empty', list(packages.ImportBatchFd([], dbus_interface='org.tsprovider.Provider1.TaskSequencePackageClass',
                                                   signature='a(sha{sv})')))
        """

    @Test func eachPassedFileIsReadAndReportedInOrder() throws {
        let daemon = try SharedDaemon.current()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tsp-batch-fd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = directory.appendingPathComponent("good.xml")
        let bad = directory.appendingPathComponent("bad.xml")
        try Data(SmallSequence.restart.utf8).write(to: good)
        try Data("<sequence><step".utf8).write(to: bad)
        let zip = Fixtures.containers.appendingPathComponent("export-single.zip").path
        let run = try ExternalTools.python(Self.script, daemon, [good.path, bad.path, zip, directory.path])
        #expect(run.succeeded, "\(run)")
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        try #require(lines.count == 9, "\(run)")
        #expect(lines[0].hasPrefix("good.xml /org/tsprovider/Provider1/SMS_TaskSequencePackage/") && lines[0].hasSuffix(" - []"), "\(lines[0])")
        #expect(lines[1] == " name Fd batch good")
        #expect(lines[2] == "bad.xml / org.tsprovider.Provider1.Error.InvalidXml []")
        #expect(lines[3].hasPrefix(" message 1:"), "\(lines[3])")
        #expect(lines[4].hasPrefix("export.zip /org/tsprovider/Provider1/SMS_TaskSequencePackage/"), "\(lines[4])")
        #expect(lines[5] == " name Fd batch zip")
        // Reading a directory fails (EISDIR): that file's result names the error, the others stand.
        #expect(lines[6] == "a-directory / org.freedesktop.DBus.Error.IOError []", "\(lines[6])")
        #expect(lines[7].hasPrefix(" message a-directory: "), "\(lines[7])")
        #expect(lines[8] == "empty []")
    }

    @Test func aUserWithoutCreateIsRefusedAndNothingIsRead() throws {
        let daemon = try SharedDaemon.current()
        let script = """
            import os, sys, dbus
            bus = dbus.bus.BusConnection(sys.argv[1])
            packages = bus.get_object('org.tsprovider.Provider1', '/org/tsprovider/Provider1/SMS_TaskSequencePackage')
            read, write = os.pipe()
            os.write(write, sys.argv[2].encode())
            os.close(write)
            try:
                packages.ImportBatchFd([('mine.xml', dbus.types.UnixFd(read), {'Name': 'Refused fd batch'})],
                                       dbus_interface='org.tsprovider.Provider1.TaskSequencePackageClass', signature='a(sha{sv})')
                print('imported')
            except dbus.exceptions.DBusException as error:
                print(error.get_dbus_name())
            """
        let refused = try ExternalTools.runAsTestUser(ExternalTools.python, ["-c", script, daemon.bus.address, SmallSequence.restart])
        #expect(refused.succeeded, "\(refused)")
        #expect(refused.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "org.freedesktop.DBus.Error.AccessDenied", "\(refused)")
        let listing = try ExternalTools.busctl(daemon, ["--json=short", "call", Provider.busName, Provider.packageClassPath,
                                                        Provider.packageClassInterface, "GetPackages"])
        #expect(listing.succeeded, "\(listing)")
        #expect(!listing.standardOutput.contains("Refused fd batch"))
    }
}

import DBusKit
import Foundation
import Testing
import TestSupport

/// Denied calls, calls on hidden objects and failed imports leave a line in the daemon's log
/// naming uid, user, member, path and reason — rate-limited per uid — while the caller learns
/// nothing more than its error.
@Suite struct RefusalLogOverBusTests {
    static let reader = "tsp-refusals"

    /// Runs `plan` as the user `user` in one python-dbus process; returns the outcomes by ID.
    private func run(_ plan: [PlannedCall], as user: String, on daemon: ProviderDaemon) throws -> [String: CallOutcome] {
        let result = try CommandRunner.run(
            URL(fileURLWithPath: ExternalTools.python), ["-c", BusClientScripts.executor, daemon.bus.address],
            asUser: user, standardInput: try JSONEncoder().encode(plan), timeout: .seconds(300))
        try #require(result.status == 0, "python ended with \(result.status): \(result.errorOutput)")
        let outcomes = try JSONDecoder().decode([CallOutcome].self, from: result.standardOutput)
        return Dictionary(outcomes.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
    }

    /// A package the reader may read (Read only), and one it may not see.
    private func packages(_ daemon: ProviderDaemon) throws -> (readable: String, hidden: String, uid: UInt32) {
        let uid = try SystemPrincipals.user(Self.reader).uid
        let client = ProviderClient(daemon.client)
        let readable = String(try client.importPackage(SmallSequence.restart, name: "readable").lastComponent ?? "")
        let hidden = String(try client.importPackage(SmallSequence.restart, name: "hidden").lastComponent ?? "")
        _ = try client.proxy(Provider.instancePermissionsPath).call(Provider.classInterface, "CreateInstance", [
            .stringVariantDictionary([
                "UserName": .string(Self.reader), "ObjectKey": .uint32(20), "InstanceKey": .string(readable), "InstancePermissions": .uint32(1),
            ]),
        ])
        return (readable, hidden, uid)
    }

    @Test func deniedHiddenAndFailedImportCallsAreLoggedWithWhoWhatAndWhy() async throws {
        let daemon = try await ProviderDaemon.start()
        defer { daemon.shutdown() }
        let (readable, hidden, uid) = try packages(daemon)
        let missing = "QZXFFFFF"
        let outcomes = try run([
            .set("denied", Provider.packagePath(readable), Provider.packageInterface, "Description", .string("no")),
            .get("hidden", Provider.packagePath(hidden), Provider.packageInterface, "Name"),
            .get("missing", Provider.packagePath(missing), Provider.packageInterface, "Name"),
            PlannedCall(id: "import", path: Provider.packageClassPath, interface: Provider.packageClassInterface, member: "ImportSequence",
                        signature: "s", args: [.string("<sequence version=\"3.10\"><step")]),
        ], as: Self.reader, on: daemon)
        #expect(outcomes["denied"]?.errorName == "org.freedesktop.DBus.Error.AccessDenied")
        // Hidden and missing look the same to the caller; only the log tells them apart.
        #expect(outcomes["hidden"]?.errorName == Provider.unknownObjectError && outcomes["missing"]?.errorName == Provider.unknownObjectError)
        #expect(outcomes["import"]?.errorName == "org.tsprovider.Provider1.Error.InvalidXml")

        let lines = daemon.log.split(separator: "\n").map(String.init)
        let who = "uid \(uid) (\(Self.reader))"
        let denied = #"refused: \#(who) called org.freedesktop.DBus.Properties.Set on \#(Provider.packagePath(readable)): org.freedesktop.DBus.Error.AccessDenied: access denied: Modify right needed on SMS_TaskSequencePackage.PackageID="\#(readable)""#
        #expect(lines.contains { $0.hasSuffix(denied) }, "no line ending \(denied) in:\n\(daemon.log)")
        let hiddenLine = #"refused: \#(who) called org.freedesktop.DBus.Properties.Get on \#(Provider.packagePath(hidden)): hidden: the caller may not read SMS_TaskSequencePackage.PackageID="\#(hidden)" (answered org.freedesktop.DBus.Error.UnknownObject)"#
        #expect(lines.contains { $0.hasSuffix(hiddenLine) }, "no line ending \(hiddenLine) in:\n\(daemon.log)")
        #expect(!lines.contains { $0.contains(missing) }, "a call on a missing object is no refusal:\n\(daemon.log)")
        let importPrefix = "import failed: \(who) called \(Provider.packageClassInterface).ImportSequence on \(Provider.packageClassPath): org.tsprovider.Provider1.Error.InvalidXml: "
        #expect(lines.contains { $0.contains(importPrefix) }, "no line with \(importPrefix) in:\n\(daemon.log)")
    }

    @Test func aFloodOfDeniedCallsLeavesABoundedNumberOfLinesAndSaysSo() async throws {
        let daemon = try await ProviderDaemon.start()
        defer { daemon.shutdown() }
        let (readable, _, uid) = try packages(daemon)
        let flood = (0..<1_000).map { index in
            PlannedCall.set("flood \(index)", Provider.packagePath(readable), Provider.packageInterface, "Description", .string("no \(index)"))
        }
        let outcomes = try run(flood, as: Self.reader, on: daemon)
        #expect(outcomes.count == 1_000 && outcomes.values.allSatisfy { $0.errorName == "org.freedesktop.DBus.Error.AccessDenied" })

        let lines = daemon.log.split(separator: "\n").map(String.init)
        let who = "uid \(uid) (\(Self.reader))"
        let refusals = lines.filter { $0.contains("refused: \(who) called") }
        let notes = lines.filter { $0.contains("refusals of \(who): limit of 10 lines in 60 s reached; suppressing similar messages") }
        // 10 per window; a slow run may cross into a second window, which adds one summary,
        // ten lines and one note at most.
        #expect((10...20).contains(refusals.count), "\(refusals.count) refusal lines for 1,000 denied calls")
        #expect((1...2).contains(notes.count), "suppression notes: \(notes)")
    }
}

import DBusKit
import Foundation
import Testing
import TestSupport

/// History over the bus as third-party clients use it: a python3-dbus read-modify-write that
/// renames one step keeps every StepID and is heard as one step changed; busctl reads the
/// history, a revision and rolls back; a stranger may not.
@Suite(.sharedDaemon) struct HistoryOverBusTests {
    static let corpusFile = "DeploymentResearch__DRFiles__Misc__Windows10UpgradeTS.zip__SMS_TaskSequencePackage__PS10000E__object.xml"

    /// python3-dbus: GetSequence, rename the first step, SetSequence; then the StepIDs of the
    /// two revisions and the history, as JSON.
    static let renameScript = """
        import sys, json, dbus
        import xml.etree.ElementTree as ET
        bus = dbus.bus.BusConnection(sys.argv[1])
        package = bus.get_object('org.tsprovider.Provider1', sys.argv[2])
        iface = 'org.tsprovider.Provider1.SMS_TaskSequencePackage'
        props = dbus.Interface(package, 'org.freedesktop.DBus.Properties')
        version = props.Get(iface, 'SourceVersion')
        root = ET.fromstring(str(package.GetSequence(dbus_interface=iface)))
        first = next(e for e in root.iter() if e.tag in ('step', 'group'))
        first.set('name', 'Renamed over the bus')
        new = package.SetSequence(ET.tostring(root, encoding='unicode'), dbus.UInt32(version), dbus_interface=iface)
        before = package.GetRevision(dbus.UInt32(version), dbus_interface=iface)
        after = package.GetRevision(dbus.UInt32(new), dbus_interface=iface)
        history = package.GetHistory(dbus_interface=iface)
        print(json.dumps({
            'before': {str(k): int(v) for k, v in before['StepIDs'].items()},
            'after': {str(k): int(v) for k, v in after['StepIDs'].items()},
            'summaries': [str(h['Summary']) for h in history],
            'users': [str(h['UserName']) for h in history],
            'renamed': 'Renamed over the bus' in str(after['Sequence']),
        }))
        """

    @Test func aPythonReadModifyWriteRenamingOneStepKeepsEveryStepIDAndSignalsOneStep() async throws {
        let daemon = try SharedDaemon.current()
        let client = ProviderClient(daemon.client)
        let text = String(decoding: try Fixtures.data(Self.corpusFile), as: UTF8.self)
        let package = try await client.importPackage(text, name: "Round trip over the bus")
        let steps = try client.paths("Steps", of: Provider.sequenceInterface, at: ProviderClient.sequencePath(package))
        let first = try #require(steps.first)
        let collector = try SignalCollector(daemon)
        try collector.subscribe()

        let run = try ExternalTools.python(Self.renameScript, daemon, [package.rawValue])
        #expect(run.succeeded, "\(run)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        let before = try #require(result["before"] as? [String: Int])
        #expect(before.count > 10)
        #expect(result["after"] as? [String: Int] == before)
        #expect(result["renamed"] as? Bool == true)
        let firstID = try #require(before["group[1]"] ?? before["step[1]"])
        #expect(first.rawValue.hasSuffix("/Steps/\(firstID)"))
        #expect((result["summaries"] as? [String])?.last == "step \(firstID) renamed")

        // One step changed: its InstanceModified, and no step created or deleted.
        let modified = await collector.first { $0.member == "InstanceModified" && $0.arguments.contains(.objectPath(first)) }
        #expect(modified != nil)
        let sequence = try ProviderClient.sequencePath(package)
        _ = await collector.first { $0.member == "InstanceModified" && $0.arguments.contains(.objectPath(sequence)) }
        let stepSignals = collector.signals.filter { signal in
            ["InstanceCreated", "InstanceDeleted", "InstanceModified"].contains(signal.member)
                && signal.arguments.contains { if case .objectPath(let path) = $0 { path.rawValue.hasPrefix(package.rawValue + "/Steps/") } else { false } }
        }
        #expect(stepSignals.map(\.member) == ["InstanceModified"])
    }

    @Test func busctlReadsTheHistoryAndARevisionAndRollsBack() throws {
        let daemon = try SharedDaemon.current()
        let client = ProviderClient(daemon.client)
        let text = String(decoding: try Fixtures.data(Self.corpusFile), as: UTF8.self)
        let package = try client.importPackage(text, name: "Rolled back over the bus")
        let imported = try client.proxy(package).call(Provider.packageInterface, "GetSequence").decode(String.self)
        try client.set("Description", of: Provider.packageInterface, at: package, to: .string("changed"))
        let steps = try client.paths("Steps", of: Provider.sequenceInterface, at: ProviderClient.sequencePath(package))
        _ = try client.proxy(try #require(steps.last)).call(Provider.stepInterface, "Delete")

        let history = try ExternalTools.busctl(daemon, ["--json=short", "call", Provider.busName, package.rawValue, Provider.packageInterface, "GetHistory"])
        #expect(history.succeeded, "\(history)")
        let (type, data) = try BusctlJSON.parse(history.standardOutput)
        #expect(type == "aa{sv}")
        let entries = (data as? [Any])?.first as? [[String: Any]] ?? []
        #expect(entries.count == 3)
        let summaries = entries.compactMap { ($0["Summary"] as? [String: Any])?["data"] as? String }
        #expect(summaries.first == "import (objectxml)" && summaries.dropFirst().first == "set Description", "\(history.standardOutput)")

        let exported = try ExternalTools.busctl(daemon, ["--json=short", "call", Provider.busName, package.rawValue, Provider.packageInterface,
                                                         "ExportRevision", "ua{sv}", "1", "1", "format", "s", "sequence"])
        #expect(exported.succeeded, "\(exported)")
        #expect(((try BusctlJSON.parse(exported.standardOutput).data as? [Any])?.first as? String) == imported)

        let rollback = try ExternalTools.busctl(daemon, ["call", Provider.busName, package.rawValue, Provider.packageInterface, "Rollback", "u", "1"])
        #expect(rollback.succeeded, "\(rollback)")
        #expect(rollback.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "u 4")
        #expect(try client.proxy(package).call(Provider.packageInterface, "GetSequence").decode(String.self) == imported)
        #expect(try client.paths("Steps", of: Provider.sequenceInterface, at: ProviderClient.sequencePath(package)) == steps)

        let missing = try ExternalTools.busctl(daemon, ["call", Provider.busName, package.rawValue, Provider.packageInterface, "GetRevision", "u", "9"])
        #expect(!missing.succeeded)
        #expect(missing.standardError.contains("revision 9 of SMS_TaskSequencePackage.PackageID="))
    }

    @Test func aUserWithoutRightsCannotRollBackOrReadHistory() throws {
        let daemon = try SharedDaemon.current()
        let client = ProviderClient(daemon.client)
        let package = try client.importPackage(String(decoding: try Fixtures.data(Self.corpusFile), as: UTF8.self), name: "Not yours")
        for call in [["Rollback", "u", "1"], ["GetHistory"]] {
            let run = try ExternalTools.runAsTestUser(ExternalTools.busctl, ["--address=\(daemon.bus.address)", "call", Provider.busName, package.rawValue,
                                                                             Provider.packageInterface] + call)
            #expect(!run.succeeded, "\(call[0]): \(run)")
            #expect(run.standardError.trimmingCharacters(in: .whitespacesAndNewlines) == "Call failed: no object at \(package.rawValue)", "\(call[0]): \(run)")
        }
        #expect(try client.proxy(package).call(Provider.packageInterface, "GetHistory").first.map { if case .array(_, let items) = $0 { items.count } else { 0 } } == 1)
    }
}

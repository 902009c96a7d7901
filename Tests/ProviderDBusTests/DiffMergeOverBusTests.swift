import DBusKit
import Foundation
import Testing
import TestSupport

/// Diff and Merge on the package class object, called with busctl as any client would.
@Suite(.sharedDaemon) struct DiffMergeOverBusTests {
    static let sequence = #"<sequence version="3.10"><step type="SMS_TaskSequence_RunCommandLineAction" name="Run" description=""><action>smsswd.exe /run: cmd /c exit 0</action><defaultVarList><variable name="CommandLine" property="CommandLine">cmd /c exit 0</variable></defaultVarList></step><step type="SMS_TaskSequence_RebootAction" name="Restart"><defaultVarList><variable name="SMSRebootMessage" property="Message"></variable><variable name="SMSRebootTimeout" property="MessageTimeout">60</variable><variable name="SMSRebootTarget" property="Target">HD</variable></defaultVarList><action>smsboot.exe /target:HD</action></step></sequence>"#

    private func busctl(_ daemon: ProviderDaemon, _ arguments: [String]) throws -> ToolRun {
        try ExternalTools.busctl(daemon, ["--json=short", "call", Provider.busName, Provider.packageClassPath, Provider.packageClassInterface] + arguments)
    }

    @Test func diffBetweenTwoRevisionsOfAPackage() throws {
        let daemon = try SharedDaemon.current()
        let client = ProviderClient(daemon.client)
        let package = try client.importPackage(Self.sequence, name: "Diffed over the bus")
        let id = try #require(package.rawValue.split(separator: "/").last.map(String.init))
        let renamed = Self.sequence.replacingOccurrences(of: #"name="Restart""#, with: #"name="Restart computer""#)
        let set = try ExternalTools.busctl(daemon, ["call", Provider.busName, package.rawValue, Provider.packageInterface, "SetSequence", "su", renamed, "0"])
        #expect(set.succeeded, "\(set)")

        let run = try busctl(daemon, ["Diff", "susua{sv}", id, "1", id, "0", "0"])
        #expect(run.succeeded, "\(run)")
        let (type, data) = try BusctlJSON.parse(run.standardOutput)
        #expect(type == "aa{sv}")
        let changes = try #require((data as? [Any])?.first as? [[String: Any]])
        #expect(changes.count == 1)
        let change = try #require(changes.first)
        func text(_ key: String) -> String? { (change[key] as? [String: Any])?["data"] as? String }
        #expect(text("Kind") == "StepRenamed")
        #expect(text("Path") == "step[2]")
        #expect(text("Old") == "Restart" && text("New") == "Restart computer")
        #expect(text("FromPath") == nil)
        #expect((change["Secret"] as? [String: Any])?["data"] as? Bool == false)
        #expect(text("StepID").flatMap(Int64.init) != nil)
    }

    @Test func mergeRefusesUnrelatedPackagesAndUnknownOptions() throws {
        let daemon = try SharedDaemon.current()
        let client = ProviderClient(daemon.client)
        let ids = try [client.importPackage(Self.sequence, name: "One"), client.importPackage(Self.sequence, name: "Two")].map {
            try #require($0.rawValue.split(separator: "/").last.map(String.init))
        }
        let unrelated = try busctl(daemon, ["Merge", "ssua{sv}", ids[0], ids[1], "0", "0"])
        #expect(!unrelated.succeeded)
        #expect(unrelated.standardError.contains("argument from: \(ids[0]) and \(ids[1]) have no common ancestor: neither is a copy of the other and they were never merged"), "\(unrelated)")
        let unknown = try busctl(daemon, ["Merge", "ssua{sv}", ids[0], ids[1], "0", "1", "Force", "b", "true"])
        #expect(!unknown.succeeded)
        #expect(unknown.standardError.contains("unknown merge option 'Force'; known: DryRun, Policy, Properties"), "\(unknown)")
        let policy = try busctl(daemon, ["Merge", "ssua{sv}", ids[0], ids[1], "0", "1", "Policy", "s", "mine"])
        #expect(policy.standardError.contains("options['Policy'] 'mine' is not one of none, ours, theirs"), "\(policy)")
    }
}

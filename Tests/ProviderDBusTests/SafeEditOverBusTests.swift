import DBusKit
import Foundation
import Testing
import TestSupport

/// Version-checked edits as a third-party client makes them (issue 17): busctl sends an `Edit`
/// batch, a stale one is Conflict, and a refused value names its property once, with its class.
@Suite(.sharedDaemon) struct SafeEditOverBusTests {
    static let powerShell = "SMS_TaskSequence_RunPowerShellScriptAction"

    @Test func busctlEditsInABatchAndIsToldOfConflictsAndBadValuesPlainly() throws {
        let daemon = try SharedDaemon.current()
        let client = ProviderClient(daemon.client)
        let text = String(decoding: try Fixtures.data(HistoryOverBusTests.corpusFile), as: UTF8.self)
        let package = try client.importPackage(text, name: "Edited over the bus")
        let pkg = Provider.packageInterface

        let read = try ExternalTools.busctl(daemon, ["call", Provider.busName, package.rawValue, pkg, "GetSequenceWithVersion"])
        #expect(read.succeeded, "\(read)")
        #expect(read.standardOutput.hasPrefix("su \"") && read.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix(" 1"))

        let edit = try ExternalTools.busctl(daemon, ["--json=short", "call", Provider.busName, package.rawValue, pkg, "Edit", "uaa{sv}", "1", "2",
            "3", "Op", "s", "AddStep", "ClassName", "s", Self.powerShell,
            "Properties", "a{sv}", "4", "Name", "s", "Script", "SourceScript", "s", "Write-Host hi", "Parameters", "s", "Verbose", "ExecutionPolicy", "s", "Bypass",
            "2", "Op", "s", "SetPackageProperties", "Properties", "a{sv}", "1", "Description", "s", "edited by busctl"])
        #expect(edit.succeeded, "\(edit)")
        let (type, data) = try BusctlJSON.parse(edit.standardOutput)
        #expect(type == "uaa{sv}")
        let reply = data as? [Any] ?? []
        #expect(reply.first as? Int == 2)
        let results = reply.dropFirst().first as? [[String: Any]] ?? []
        let stepID = try #require((results.first?["StepID"] as? [String: Any])?["data"] as? Int)
        #expect(results.count == 2)

        let stale = try ExternalTools.busctl(daemon, ["call", Provider.busName, package.rawValue, pkg, "Edit", "uaa{sv}", "1", "1",
                                                      "2", "Op", "s", "DeleteStep", "StepID", "t", String(stepID)])
        #expect(!stale.succeeded)
        #expect(stale.standardError.contains("the package changed since it was read: expected SourceVersion 1, it is 2; read it again and retry"), "\(stale)")

        let stepPath = "\(package.rawValue)/Steps/\(stepID)"
        let bad = try ExternalTools.busctl(daemon, ["call", Provider.busName, stepPath, Provider.stepInterface, "SetProperties", "a{sv}a{sv}",
                                                    "1", "ExecutionPolicy", "s", "Yolo", "1", "ExpectedSourceVersion", "u", "2"])
        #expect(!bad.succeeded)
        let message = "ExecutionPolicy: 'Yolo' is not in ValueMap {Restricted, AllSigned, RemoteSigned, Unrestricted, Bypass, Undefined} (\(Self.powerShell))"
        #expect(bad.standardError.contains(message), "\(bad)")
        #expect(bad.standardError.components(separatedBy: "ExecutionPolicy").count == 2, "the property is named once: \(bad.standardError)")

        let good = try ExternalTools.busctl(daemon, ["call", Provider.busName, stepPath, Provider.stepInterface, "SetProperties", "a{sv}a{sv}",
                                                     "2", "ExecutionPolicy", "s", "AllSigned", "Timeout", "u", "600", "1", "ExpectedSourceVersion", "u", "2"])
        #expect(good.succeeded, "\(good)")
        #expect(good.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "u 3")
        let history = try ExternalTools.busctl(daemon, ["--json=short", "call", Provider.busName, package.rawValue, pkg, "GetHistory"])
        let entries = ((try BusctlJSON.parse(history.standardOutput).data as? [Any])?.first as? [[String: Any]]) ?? []
        let summaries = entries.compactMap { ($0["Summary"] as? [String: Any])?["data"] as? String }
        #expect(summaries.dropFirst() == ["2 edits: step \(stepID) added, set Description",
                                          "2 edits: step \(stepID): set Timeout, step \(stepID): set settings ExecutionPolicy"])
    }
}

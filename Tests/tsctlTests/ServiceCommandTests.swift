import DBusKit
import Foundation
import Testing
import TestSupport

/// `tsctl query`, `class` and `watch` (`tsctl perm` is in ``PermCommandTests``).
@Suite struct ServiceCommandTests {
    // MARK: query

    @Test func queryPrintsRowsAndJSON() throws {
        try withDaemon { cli in
            let id = String(try cli.succeed("import", CLIFixtures.chassis, "--name", "Chassis").prefix(8))
            let lines = try cli.succeed("query", "SELECT PackageID, Name FROM SMS_TaskSequencePackage").split(separator: "\n").map(String.init)
            #expect(lines.first?.contains("PackageID") == true && lines.first?.contains("__RELPATH") == true)
            #expect(lines.dropFirst().contains { $0.contains(id) && $0.contains("Chassis") })
            let rows = try jsonArray(try cli.json("query", "SELECT * FROM SMS_TaskSequence_Group WHERE PackageID = '\(id)'"))
            #expect(rows.count == 3)
            #expect(rows.allSatisfy { $0["__CLASS"] as? String == "SMS_TaskSequence_Group" && $0["__RELPATH"] is String && $0["__PATH"] is String })
            try cli.fail(["query", "SELECT FROM WHERE"], mentions: ["query"])
        }
    }

    // MARK: class

    @Test func classListAndShow() throws {
        try withDaemon { cli in
            let names = try cli.succeed("class", "list").split(separator: "\n").map(String.init)
            #expect(names.contains("SMS_TaskSequencePackage") && names.contains("SMS_TaskSequence_RunCommandLineAction"))
            #expect(names.contains("SMS_UserClassPermissions") && names.contains("SMS_UserInstancePermissions"))
            let json = try #require(try cli.json("class", "list") as? [String])
            #expect(json == names)

            let shown = try cli.succeed("class", "show", "SMS_TaskSequencePackage").split(separator: "\n").map(String.init)
            #expect(shown.first == "SMS_TaskSequencePackage : SMS_PackageBaseclass")
            #expect(shown.contains { $0.hasPrefix("PackageID") })
            let schema = try jsonObject(try cli.json("class", "show", "SMS_TaskSequencePackage"))
            #expect(schema["Superclass"] as? String == "SMS_PackageBaseclass")
            let properties = try #require(schema["Properties"] as? [[String: Any]])
            #expect(properties.contains { $0["Name"] as? String == "PackageID" && $0["Type"] is String && $0["Qualifiers"] is [String: Any] })
            try cli.fail(["class", "show", "SMS_NoSuchClass"], mentions: ["class SMS_NoSuchClass"])
        }
    }

    // MARK: watch

    @Test func watchPrintsEventsAsTheyHappen() throws {
        try withDaemon { cli in
            let directory = try TemporaryDirectory()
            let outputPath = directory.path + "/out", errorPath = directory.path + "/err"
            let watcher = try ChildProcess.spawn(
                try CommandRunner.builtProduct(named: "tsctl").path,
                arguments: ["watch", "--count", "3", "--class", "SMS_TaskSequencePackage", "--json", "--address", cli.daemon.address],
                standardOutput: .file(outputPath), standardError: .file(errorPath))
            defer { _ = watcher.terminate(timeout: .seconds(1)) }
            #expect(eventually(timeout: .seconds(20)) { readTextFile(errorPath)?.contains("watching org.tsprovider.Provider1") == true })

            let id = try cli.succeed("package", "create", "Watched")
            try cli.succeed("package", "set", id, "--description", "changed")
            try cli.succeed("package", "delete", id)
            let ended = watcher.wait(timeout: .seconds(20))
            #expect(ended == .exited(0), "watch did not stop after 3 events: \(readTextFile(errorPath) ?? "")")
            let lines = (readTextFile(outputPath) ?? "").split(separator: "\n")
            let events = try lines.map { try jsonObject(try JSONSerialization.jsonObject(with: Data($0.utf8))) }
            #expect(events.compactMap { $0["Kind"] as? String } == ["created", "modified", "deleted"])
            #expect(events.allSatisfy { $0["ClassName"] as? String == "SMS_TaskSequencePackage" })
            #expect(events.allSatisfy { $0["RelativePath"] as? String == "SMS_TaskSequencePackage.PackageID=\"\(id)\"" })
            #expect(events.allSatisfy { ($0["ObjectPath"] as? String)?.hasSuffix("/SMS_TaskSequencePackage/\(id)") == true })
        }
    }

    @Test func watchFiltersByPackageAndPrintsText() throws {
        try withDaemon { cli in
            let watched = try cli.succeed("package", "create", "Watched")
            let directory = try TemporaryDirectory()
            let outputPath = directory.path + "/out", errorPath = directory.path + "/err"
            let watcher = try ChildProcess.spawn(
                try CommandRunner.builtProduct(named: "tsctl").path,
                arguments: ["watch", "--count", "1", "--package", watched, "--address", cli.daemon.address],
                standardOutput: .file(outputPath), standardError: .file(errorPath))
            defer { _ = watcher.terminate(timeout: .seconds(1)) }
            #expect(eventually(timeout: .seconds(20)) { readTextFile(errorPath)?.contains("watching") == true })
            try cli.succeed("package", "create", "Other")
            try cli.succeed("package", "set", watched, "--name", "Renamed")
            #expect(watcher.wait(timeout: .seconds(20)) == .exited(0))
            #expect(readTextFile(outputPath) == "modified  SMS_TaskSequencePackage  SMS_TaskSequencePackage.PackageID=\"\(watched)\"\n")
        }
    }
}

import DBusKit
import Foundation
import Testing
import TestSupport

/// `tsctl perm`, `query`, `class` and `watch`. What the security and WQL issues add
/// (permission classes, ExecQuery, GetClass) is tested when the daemon serves it and skipped,
/// with the reason recorded, when it does not — after checking the command fails cleanly.
@Suite struct ServiceCommandTests {
    // MARK: perm

    @Test func permCheckAnswersForTheCaller() throws {
        try withDaemon { cli in
            let id = try cli.succeed("package", "create", "Guarded")
            let text = try cli.succeed("perm", "check", "Read|Modify", id)
            #expect(text.hasPrefix("granted: Read|Modify on package \(id); you hold Read|Modify|Delete"))
            let check = try jsonObject(try cli.json("perm", "check", "create", "SMS_TaskSequencePackage"))
            #expect(check["Granted"] as? Bool == true)
            #expect(check["Target"] as? String == "SMS_TaskSequencePackage")
            #expect(int(check["Wanted"]) == 1024)
            #expect((check["HeldNames"] as? [String])?.contains("Create") == true)
            try cli.fail(["perm", "check", "Fly", id], status: 2, mentions: ["Fly"])
            try cli.fail(["perm", "check", "Read"], status: 2)
        }
    }

    @Test func permGrantListRevoke() throws {
        try withDaemon { cli in
            let id = try cli.succeed("package", "create", "Shared")
            let grant = try cli.tsctl("perm", "grant", "alice", "Read", id)
            if TSCtlDaemon.isNotServed(grant) {
                #expect(grant.errorLines.first?.hasPrefix("tsctl: package \(id): the provider does not serve the permission classes (SMS_User") == true, "\(grant.errorOutput)")
                try cli.fail(["perm", "list"], mentions: ["does not serve"])
                try cli.fail(["perm", "revoke", "alice", "Read", id], mentions: ["does not serve"])
                try Test.cancel("the daemon does not serve SMS_UserClassPermissions/SMS_UserInstancePermissions yet: \(grant.errorOutput.trimmingTrailingNewlines)")
            }
            #expect(grant.status == 0, "\(grant.errorOutput)")
            #expect(grant.output.contains("alice holds Read on package \(id)"))
            try cli.succeed("perm", "grant", "alice", "Modify", id)
            try cli.succeed("perm", "grant", "@deploy", "Read,Create", "SMS_TaskSequencePackage")
            let entries = try jsonArray(try cli.json("perm", "list"))
            let alice = try #require(entries.first { $0["UserName"] as? String == "alice" })
            #expect(alice["Scope"] as? String == "instance" && alice["InstanceKey"] as? String == id && int(alice["Permissions"]) == 3)
            #expect(entries.contains { $0["UserName"] as? String == "@deploy" && $0["Scope"] as? String == "class" && $0["InstanceKey"] is NSNull })
            #expect(try jsonArray(try cli.json("perm", "list", id, "--user", "alice")).count == 1)
            #expect(try cli.succeed("perm", "revoke", "alice", "Modify", id) == "alice holds Read on package \(id)")
            let revoked = try jsonObject(try cli.json("perm", "revoke", "alice", "Read", id))
            #expect(int(revoked["Remaining"]) == 0)
            #expect(try jsonArray(try cli.json("perm", "list", "--user", "alice")).isEmpty)
        }
    }

    // MARK: query

    @Test func queryPrintsRowsAndJSON() throws {
        try withDaemon { cli in
            let id = String(try cli.succeed("import", CLIFixtures.chassis, "--name", "Chassis").prefix(8))
            let result = try cli.tsctl("query", "SELECT PackageID, Name FROM SMS_TaskSequencePackage")
            if TSCtlDaemon.isNotServed(result) {
                #expect(result.errorLines.first?.hasPrefix("tsctl: query: the provider does not serve ExecQuery yet") == true, "\(result.errorOutput)")
                try Test.cancel("the daemon does not serve ExecQuery yet: \(result.errorOutput.trimmingTrailingNewlines)")
            }
            #expect(result.status == 0, "\(result.errorOutput)")
            let lines = result.outputLines
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
            let json = try #require(try cli.json("class", "list") as? [String])
            #expect(json == names)

            let result = try cli.tsctl("class", "show", "SMS_TaskSequencePackage")
            if TSCtlDaemon.isNotServed(result) {
                #expect(result.errorLines.first?.hasPrefix("tsctl: class SMS_TaskSequencePackage: the provider does not serve GetClass yet") == true, "\(result.errorOutput)")
                try Test.cancel("the daemon does not serve GetClass yet: \(result.errorOutput.trimmingTrailingNewlines)")
            }
            #expect(result.status == 0, "\(result.errorOutput)")
            #expect(result.outputLines.first == "SMS_TaskSequencePackage : SMS_PackageBaseclass")
            #expect(result.outputLines.contains { $0.hasPrefix("PackageID") })
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

import Foundation
import Testing
import TestSupport

/// `tsctl package list|show|create|set|delete`, run as the built binary against a real daemon.
@Suite struct PackageCommandTests {
    @Test func createListShowSetDelete() throws {
        try withDaemon { cli in
            #expect(try jsonArray(try cli.json("package", "list")).isEmpty)
            #expect(try cli.succeed("package", "list") == "PACKAGE ID  NAME  TYPE  SOURCE VERSION  SOURCE DATE")

            let id = try cli.succeed("package", "create", "Reference build", "--description", "Win11 reference", "--set", "Duration=90")
            #expect(id.count == 8 && id.hasPrefix("PS1"))
            let created = try jsonObject(try cli.json("package", "create", "Second"))
            let second = try #require(created["PackageID"] as? String)
            #expect(created["Name"] as? String == "Second")

            let list = try jsonArray(try cli.json("package", "list"))
            #expect(list.compactMap { $0["PackageID"] as? String } == [id, second])
            let first = try #require(list.first)
            #expect(first["Name"] as? String == "Reference build")
            #expect(first["Description"] as? String == "Win11 reference")
            #expect(int(first["Duration"]) == 90)
            #expect(int(first["PackageType"]) == 4)
            for key in ["SourceVersion", "SourceDate", "References", "CustomProgressMsg", "BootImageID", "Type"] { #expect(first[key] != nil, "no \(key)") }

            let table = try cli.succeed("package", "list").split(separator: "\n")
            #expect(table.count == 3)
            #expect(table[1].hasPrefix(id) && table[1].contains("Reference build") && table[1].contains("generic"))
            #expect(try cli.succeed("package", "list", "--name", "SECOND").split(separator: "\n").count == 2)

            try cli.succeed("package", "set", id, "--name", "Renamed", "--set", "Manufacturer=Contoso", "--set", "customprogressmsg=Building")
            let shown = try jsonObject(try cli.json("package", "show", id))
            #expect(shown["Name"] as? String == "Renamed")
            #expect(shown["Manufacturer"] as? String == "Contoso")
            #expect(shown["CustomProgressMsg"] as? String == "Building")
            let text = try cli.succeed("package", "show", id)
            #expect(text.contains("Name               Renamed") || text.split(separator: "\n").contains { $0.hasPrefix("Name") && $0.hasSuffix("Renamed") })
            #expect(text.contains("Type") && text.contains("1 (generic)"))

            try cli.succeed("package", "delete", id, second)
            #expect(try jsonArray(try cli.json("package", "list")).isEmpty)
        }
    }

    @Test func unknownPackagesFailWithOneLineNamingThem() throws {
        try withDaemon { cli in
            for arguments in [["package", "show", "PS1FFFFF"], ["package", "set", "PS1FFFFF", "--name", "x"], ["package", "delete", "PS1FFFFF"],
                              ["export", "PS1FFFFF"], ["step", "list", "PS1FFFFF"]] {
                let line = try cli.fail(arguments, mentions: ["PS1FFFFF"])
                #expect(line == "tsctl: package PS1FFFFF: not found (no such object, or you may not read it)")
            }
        }
    }

    @Test func refusedValuesAndBadUsage() throws {
        try withDaemon { cli in
            let id = try cli.succeed("package", "create", "Rules")
            try cli.fail(["package", "set", id, "--name", String(repeating: "n", count: 300)], mentions: ["package \(id)", "Name", "255"])
            try cli.fail(["package", "set", id, "--set", "Duration=ninety"], mentions: ["package \(id)", "Duration"])
            try cli.fail(["package", "create", "Boot", "--set", "BootImageID=nope"], mentions: ["BootImageID"])
            // Usage errors exit 2, with one line.
            try cli.fail(["package", "set", id, "--set", "PackageID=PS1"], status: 2, mentions: ["PackageID"])
            try cli.fail(["package", "set", id], status: 2, mentions: ["Nothing to change"])
            try cli.fail(["package", "show"], status: 2)
            try cli.fail(["package", "list", "--bogus"], status: 2, mentions: ["--bogus"])
            try cli.fail(["package", "delete"], status: 2)
            #expect(try cli.succeed("package", "show", id).contains("Rules"), "failed calls changed nothing")
        }
    }
}

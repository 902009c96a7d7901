import Foundation
import Testing
import TestSupport

/// `tsctl computer …` and `tsctl collection …` against a real daemon: imports (one, and a CSV
/// file with bad lines), collections with direct and query rules, members, JSON shapes, and a
/// user without rights who sees none of it.
@Suite struct TargetCommandTests {
    static let outsider = "tsp-targets-none"
    static let labReader = "tsp-targets-lab"

    @Test func csvImportKeepsGoodLinesReportsBadOnesByLineAndExitsOne() throws {
        try withDaemon { cli in
            #expect(try cli.succeed("computer", "import", "OLD-PC", "--mac", "00-11-22-33-44-00") == "16777217")
            let csv = """
                Name,SMBIOS GUID,MAC Address,Source Computer
                LAB-01,,00:11:22:33:44:01,OLD-PC
                LAB 02,,00:11:22:33:44:02
                LAB-03,4c4c4544-0038-3510-8050-b4c04f4e3732,
                LAB-04,,00:11:22:33:44:00

                """
            let run = try cli.tsctl(["computer", "import", "--csv", "-"], standardInput: Data(csv.utf8))
            #expect(run.status == 1, "\(run.errorOutput)")
            #expect(run.errorLines == [
                "tsctl: CSV -: line 3: 'LAB 02' may hold only letters, digits, '-' and '_'",
                "tsctl: CSV -: line 5: MAC address 00:11:22:33:44:00 already identifies another computer (OLD-PC)",
            ])
            #expect(run.output.trimmingTrailingNewlines == "line 2: LAB-01 imported as 16777218\nline 4: LAB-03 imported as 16777219")

            let listed = try jsonArray(try cli.json("computer", "list", "--json"))
            #expect(listed.map { $0["Name"] as? String ?? "" } == ["OLD-PC", "LAB-01", "LAB-03"])
            #expect(listed.map { $0["MACAddresses"] as? [String] ?? ["?"] } == [["00:11:22:33:44:00"], ["00:11:22:33:44:01"], []])
            #expect(listed[2]["SMBIOSGUID"] as? String == "4C4C4544-0038-3510-8050-B4C04F4E3732")
            #expect(try cli.succeed("computer", "associate", "--list") == "OLD-PC -> LAB-01")

            // --json reports every line.
            let again = try cli.tsctl(["computer", "import", "--csv", "-", "--json"], standardInput: Data("LAB-05,,00:11:22:33:44:05\nLAB-01,,00:11:22:33:44:06\n".utf8))
            #expect(again.status == 1)
            let lines = try jsonArray(try JSONSerialization.jsonObject(with: again.standardOutput))
            #expect(lines.map { "\(int($0["Line"]) ?? 0) \(int($0["ResourceID"]) ?? -1) \($0["Problem"] as? String ?? "?")" } == [
                "1 16777220 ", "2 0 a computer named LAB-01 already exists; overwrite it to replace its MAC addresses and GUID",
            ])
        }
    }

    @Test func collectionsWithDirectAndQueryRulesListTheirMembers() throws {
        try withDaemon { cli in
            for (index, name) in ["LAB-01", "LAB-02", "OFFICE-01"].enumerated() {
                try cli.succeed("computer", "import", name, "--mac", "00:11:22:33:44:0\(index)")
            }
            #expect(try cli.succeed("collection", "create", "Lab", "--comment", "lab machines") == "PS100001")
            #expect(try cli.succeed("collection", "create", "Lab office", "--parent", "PS100001") == "PS100002")
            #expect(try cli.succeed("collection", "add-query", "PS100001", "SELECT * FROM SMS_R_System WHERE Name LIKE 'LAB-%'", "--name", "labs") == "1")
            try cli.succeed("collection", "add", "PS100002", "OFFICE-01", "16777217")
            let members = try jsonArray(try cli.json("collection", "members", "PS100002", "--json"))
            #expect(members.map { "\($0["Name"] as? String ?? "?") \($0["IsDirect"] as? Bool ?? false)" } == ["LAB-01 true", "OFFICE-01 true"])
            #expect(try cli.succeed("collection", "members", "PS100001").split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) } == [
                ["RESOURCE", "ID", "NAME", "RULE"], ["16777217", "LAB-01", "query"], ["16777218", "LAB-02", "query"],
            ])
            let shown = try jsonObject(try cli.json("collection", "show", "PS100001", "--json"))
            #expect(shown["Comment"] as? String == "lab machines" && int(shown["MemberCount"]) == 2)
            let rules = try jsonArray(try #require(shown["Rules"]))
            #expect(rules.map { "\($0["Kind"] as? String ?? "?") \($0["RuleName"] as? String ?? "?") \(int($0["ID"]) ?? -1)" } == ["query labs 1"])
            let computer = try jsonObject(try cli.json("computer", "show", "lab-01", "--json"))
            let holding = try jsonArray(try #require(computer["Collections"]))
            #expect(holding.map { "\($0["CollectionID"] as? String ?? "?") \($0["ThroughSubCollection"] as? String ?? "?")" } == ["PS100001 ", "PS100002 "])
            try cli.fail(["collection", "add-query", "PS100001", "SELECT * FROM SMS_Package"], mentions: ["a collection query rule selects from SMS_R_System, not SMS_Package"])
            try cli.fail(["collection", "delete", "PS100001"], mentions: ["PS100001 has sub-collections (PS100002); delete or move them first"])
            try cli.fail(["collection", "move", "PS100001", "--parent", "PS100002"], mentions: ["a collection cannot be its own ancestor"])
            try cli.succeed("collection", "remove", "PS100002", "OFFICE-01")
            try cli.succeed("collection", "remove", "PS100001", "--query", "1")
            #expect(try cli.succeed("collection", "members", "PS100002") == "RESOURCE ID  NAME    RULE\n16777217     LAB-01  direct")
            #expect(try jsonArray(try cli.json("collection", "members", "PS100001", "--json")).isEmpty)
            try cli.succeed("collection", "move", "PS100002", "--top")
            try cli.succeed("collection", "delete", "PS100001")
            #expect(try cli.succeed("collection", "list").split(separator: "\n").count == 2)
        }
    }

    @Test func aUserWithoutRightsSeesNoComputerAndNoCollection() throws {
        try SystemPrincipals.user(Self.outsider)
        try withDaemon { cli in
            try cli.succeed("computer", "import", "LAB-01", "--mac", "00:11:22:33:44:01")
            try cli.succeed("collection", "create", "Lab")
            try cli.succeed("collection", "add", "PS100001", "LAB-01")
            #expect(try jsonArray(try cli.json(asUser: Self.outsider, "computer", "list", "--json")).isEmpty)
            #expect(try jsonArray(try cli.json(asUser: Self.outsider, "collection", "list", "--json")).isEmpty)
            try cli.fail(asUser: Self.outsider, ["collection", "members", "PS100001"], mentions: ["not found"])
            try cli.fail(asUser: Self.outsider, ["computer", "import", "NEW-PC", "--mac", "00:11:22:33:44:09"],
                         mentions: ["access denied: ImportMachine right needed on SMS_Collection"])
        }
    }

    @Test func readOnOneCollectionGrantedWithPermShowsItAndItsComputersOnly() throws {
        try SystemPrincipals.user(Self.labReader)
        try withDaemon { cli in
            try cli.succeed("computer", "import", "LAB-01", "--mac", "00:11:22:33:44:01")
            try cli.succeed("computer", "import", "OFFICE-01", "--mac", "00:11:22:33:44:02")
            try cli.succeed("collection", "create", "Lab")
            try cli.succeed("collection", "create", "Office")
            try cli.succeed("collection", "add", "PS100001", "LAB-01")
            try cli.succeed("collection", "add", "PS100002", "OFFICE-01")
            #expect(try cli.succeed("perm", "grant", Self.labReader, "Read", "SMS_Collection:PS100001") == "\(Self.labReader) holds Read on SMS_Collection PS100001")
            #expect(try jsonArray(try cli.json(asUser: Self.labReader, "collection", "list", "--json")).map { $0["CollectionID"] as? String ?? "?" } == ["PS100001"])
            #expect(try jsonArray(try cli.json(asUser: Self.labReader, "computer", "list", "--json")).map { $0["Name"] as? String ?? "?" } == ["LAB-01"])
            try cli.fail(asUser: Self.labReader, ["collection", "show", "PS100002"], mentions: ["not found"])
            try cli.fail(asUser: Self.labReader, ["collection", "add", "PS100001", "OFFICE-01"], mentions: ["access denied: Modify right needed on SMS_Collection.CollectionID=\"PS100001\""])
        }
    }
}

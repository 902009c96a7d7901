import DBusKit
import Foundation
import TaskSequenceModel
import TaskSequenceXML
import Testing
import TestSupport

/// WQL over the bus, the way the WQL issue's done-when check runs it: `busctl call … ExecQuery`.
@Suite(.sharedDaemon) struct QueryOverTheBusTests {
    static let withPowerShell = "microsoft__configmgr-hub__objects__TaskSequence__Module_-_Splash_Screen.xml"

    @Test func busctlExecQueryFindsRunCommandLineStepsByCommandLine() throws {
        let daemon = try SharedDaemon.current()
        let client = ProviderClient(daemon.client)
        let data = try Fixtures.data(Self.withPowerShell)
        let package = try client.importPackage(String(decoding: data, as: UTF8.self), name: "query over the bus")
        let packageID = String(package.rawValue.split(separator: "/").last ?? "")

        // What the file holds, counted from the XML, not from the store.
        let sequence = try TaskSequenceReader().document(from: data).sequence
        let expected = sequence.allSteps.filter {
            $0.className == "SMS_TaskSequence_RunCommandLineAction" && ($0.setting("CommandLine") ?? "").lowercased().contains("powershell")
        }.map(\.name)
        #expect(!expected.isEmpty)

        let wql = "SELECT Name, PackageID FROM SMS_TaskSequence_Step WHERE __CLASS = 'SMS_TaskSequence_RunCommandLineAction' AND CommandLine LIKE '%powershell%'"
        let run = try ExternalTools.busctl(daemon, ["--json=short", "call", Provider.busName, Provider.rootPath, Provider.busName, "ExecQuery", "s", wql])
        #expect(run.succeeded, "\(run)")
        let reply = try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any]
        let rows = ((reply?["data"] as? [Any])?.first as? [[String: [String: Any]]]) ?? []
        let mine = rows.filter { $0["PackageID"]?["data"] as? String == packageID }
        #expect(mine.compactMap { $0["Name"]?["data"] as? String }.sorted() == expected.sorted())
        for row in mine {
            #expect(row["__CLASS"]?["data"] as? String == "SMS_TaskSequence_RunCommandLineAction")
            let path = try #require(row["__PATH"]?["data"] as? String)
            #expect(path.hasPrefix(package.rawValue + "/Steps/"))
            #expect((row["__RELPATH"]?["data"] as? String)?.contains("PackageID=\"\(packageID)\"") == true)
        }
    }

    @Test func aMalformedQueryNamesTheTokenAndPosition() throws {
        let daemon = try SharedDaemon.current()
        let run = try ExternalTools.busctl(daemon, ["call", Provider.busName, Provider.rootPath, Provider.busName, "ExecQuery", "s", "SELECT * FROM SMS_Package WHERE Name ="])
        #expect(!run.succeeded)
        #expect(run.standardError.contains("at 39") && run.standardError.contains("end of query"), "\(run)")
    }

    @Test func getClassDescribesThePackageClassFromTheCatalog() throws {
        let daemon = try SharedDaemon.current()
        let run = try ExternalTools.busctl(daemon, ["--json=short", "call", Provider.busName, Provider.rootPath, Provider.busName, "GetClass", "s", "SMS_TaskSequencePackage"])
        #expect(run.succeeded, "\(run)")
        #expect(run.standardOutput.contains("\"SMS_PackageBaseclass\""))
        #expect(run.standardOutput.contains("\"PackageID\"") && run.standardOutput.contains("\"SetSequence\""))
    }
}

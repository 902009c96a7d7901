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

/// Issue 12's findable facts over the bus: who uses a package, COUNT(*), MDT command lines.
@Suite(.sharedDaemon) struct QueryFactsOverTheBusTests {
    static let xml = #"""
    <sequence version="3.10">
      <step type="SMS_TaskSequence_RunCommandLineAction" name="Tool" runIn="FullOS">
        <action>smsswd.exe /run:ZZZ0B051 tool.exe</action>
        <defaultVarList>
          <variable name="CommandLine" property="CommandLine" hidden="true">tool.exe</variable>
          <variable name="PackageID" property="PackageID" hidden="true">ZZZ0B051</variable>
        </defaultVarList>
      </step>
      <step type="SMS_TaskSequence_RunCommandLineAction" name="Gather" disable="false" continueOnError="false">
        <action>cscript.exe "%SCRIPTROOT%\ZTIGather.wsf"</action>
        <defaultVarList><variable name="RunAsUser" property="RunAsUser">false</variable></defaultVarList>
      </step>
    </sequence>
    """#

    private func execQuery(_ daemon: ProviderDaemon, _ wql: String) throws -> [[String: [String: Any]]] {
        let run = try ExternalTools.busctl(daemon, ["--json=short", "call", Provider.busName, Provider.rootPath, Provider.busName, "ExecQuery", "s", wql])
        #expect(run.succeeded, "\(run)")
        let reply = try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any]
        return ((reply?["data"] as? [Any])?.first as? [[String: [String: Any]]]) ?? []
    }

    @Test func busctlFindsWhoUsesAPackageCountsAndMDTCommandLines() throws {
        let daemon = try SharedDaemon.current()
        let client = ProviderClient(daemon.client)
        let package = try client.importPackage(Self.xml, name: "facts over the bus")
        let packageID = String(package.rawValue.split(separator: "/").last ?? "")

        let users = try execQuery(daemon, "SELECT PackageID FROM SMS_TaskSequencePackageReference WHERE ObjectID = 'zzz0b051'")
        #expect(users.compactMap { $0["PackageID"]?["data"] as? String } == [packageID])
        #expect(users.first?["__PATH"]?["data"] as? String == package.rawValue)
        #expect(users.first?["__RELPATH"]?["data"] as? String == "SMS_TaskSequencePackageReference.ObjectID=\"ZZZ0B051\",PackageID=\"\(packageID)\"")

        let count = try execQuery(daemon, "SELECT COUNT(*) FROM SMS_TaskSequence_RunCommandLineAction WHERE PackageID = '\(packageID)' AND CommandLine LIKE '%cscript%'")
        #expect(count.count == 1)
        #expect(count.first?["Count"]?["type"] as? String == "u" && count.first?["Count"]?["data"] as? Int == 1)
        #expect(count.first?["__RELPATH"]?["data"] as? String == "SMS_TaskSequence_RunCommandLineAction")

        // The view has no objects of its own.
        let path = Provider.rootPath + "/SMS_TaskSequencePackageReference"
        let enumerate = try ExternalTools.busctl(daemon, ["call", Provider.busName, path, Provider.busName + ".Class", "Enumerate"])
        #expect(!enumerate.succeeded && enumerate.standardError.contains("served by queries only"), "\(enumerate)")
    }
}

import Foundation
import GRDB
import Testing
import ProviderCore
import ProviderStore
import TaskSequenceModel

/// Every stored fact is findable: MDT command lines, the package an action references, whether
/// a step has a condition, unset text, and COUNT(*), DISTINCT, IN (subquery) and the reference
/// views — each filtered by Read in SQL.
@Suite struct QueryFactsTests {
    /// "Uses boot" runs a command from ABC00001 and installs ABC00002's program; its MDT step
    /// keeps its command only in `<action>`. "Uses app" (``usesAppXML(child:)``) runs a third
    /// sequence and ABC00001 again.
    static let usesBootXML = #"""
    <sequence version="3.10">
      <step type="SMS_TaskSequence_RunCommandLineAction" name="Tool from package" runIn="FullOS">
        <action>smsswd.exe /run:ABC00001 tool.exe /quiet</action>
        <defaultVarList>
          <variable name="CommandLine" property="CommandLine" hidden="true">tool.exe /quiet</variable>
          <variable name="PackageID" property="PackageID" hidden="true">ABC00001</variable>
          <variable name="SMSTSDisableWow64Redirection" property="DisableWow64Redirection">false</variable>
        </defaultVarList>
      </step>
      <step type="SMS_TaskSequence_InstallSoftwareAction" name="Install agent" runIn="FullOS">
        <action>smsswd.exe /pkg:ABC00002 /install /basevar: /continueOnError:</action>
        <defaultVarList>
          <variable name="PackageID" property="PackageID" hidden="true">ABC00002</variable>
          <variable name="_SMSSWDProgramName" property="ProgramName">Install</variable>
        </defaultVarList>
        <condition>
          <expression type="SMS_TaskSequence_VariableConditionExpression">
            <variable name="Variable">Agent</variable>
            <variable name="Operator">exists</variable>
          </expression>
        </condition>
      </step>
      <step type="SMS_TaskSequence_RunCommandLineAction" name="Gather the MDT way" disable="false" continueOnError="false" description="" successCodeList="0 3010" startIn="">
        <action>cscript.exe "%SCRIPTROOT%\ZTIGather.wsf"</action>
        <defaultVarList>
          <variable name="RunAsUser" property="RunAsUser">false</variable>
        </defaultVarList>
      </step>
    </sequence>
    """#

    static func usesAppXML(child: String) -> String {
        """
        <sequence version="3.10">
          <step type="SMS_TaskSequence_SubTasksequence" name="Run child" runIn="WinPEandFullOS">
            <action>tsmbootstrap.exe /env:SAFEOS /child /pkg:\(child)</action>
            <defaultVarList><variable name="OSDSubTasksequencePackageID" property="TsPackageID">\(child)</variable></defaultVarList>
          </step>
          <step type="SMS_TaskSequence_RunCommandLineAction" name="Tool again" runIn="FullOS">
            <action>smsswd.exe /run:abc00001 tool.exe /again</action>
            <defaultVarList>
              <variable name="CommandLine" property="CommandLine" hidden="true">tool.exe /again</variable>
              <variable name="PackageID" property="PackageID" hidden="true">abc00001</variable>
            </defaultVarList>
          </step>
        </sequence>
        """
    }

    let base: ServiceFixture
    var service: ProviderService { base.service }
    var root: Caller { base.root }
    let child: String, usesBoot: String, usesApp: String

    init() throws {
        base = try ServiceFixture()
        let service = base.service, root = base.root
        _ = try service.createSMSPackage(.init(packageID: "ABC00001", name: "Tools", description: "command-line tools", version: "2", packageType: 0), for: root)
        _ = try service.createSMSPackage(.init(packageID: "ABC00002", name: "Agent", description: "", version: "", packageType: 0), for: root)
        child = try service.createPackage(PackageProperties.named("Child"), for: root)
        usesBoot = try service.importPackage(data: Data(Self.usesBootXML.utf8), name: "Uses boot", for: root)
        usesApp = try service.importPackage(data: Data(Self.usesAppXML(child: child).utf8), name: "Uses app", for: root)
    }

    private func query(_ wql: String, as caller: Caller? = nil, on provider: ProviderService? = nil) throws -> [QueryResult] {
        try (provider ?? service).execQuery(wql, for: caller ?? root)
    }

    private func names(_ wql: String) throws -> [String] {
        try query(wql).map { $0["Name"]?.description ?? "-" }
    }

    private let alice = Caller(uid: 1000, groupIDs: [1000], userName: "alice")

    /// A provider on the same store where alice reads `packages` and `smsPackages`.
    private func provider(reading packages: Set<String>, smsPackages: Set<String> = ["ABC00001", "ABC00002"]) -> ProviderService {
        ProviderService(store: service.store, configuration: service.configuration,
                        policy: QuerySecurityTests.ListedPackagesPolicy(packages: packages, smsPackages: smsPackages))
    }

    // MARK: CommandLine of MDT steps

    @Test func mdtCommandLinesAreFoundInTheirActionAndWrittenBackThere() throws {
        #expect(try names("SELECT Name FROM SMS_TaskSequence_RunCommandLineAction WHERE CommandLine LIKE '%cscript%'") == ["Gather the MDT way"])
        let row = try #require(try query("SELECT CommandLine FROM SMS_TaskSequence_RunCommandLineAction WHERE Name = 'Gather the MDT way'").first)
        #expect(row["CommandLine"] == .string(#"cscript.exe "%SCRIPTROOT%\ZTIGather.wsf""#))
        // A step with the variable reads the variable, not its rendered <action>.
        #expect(try names("SELECT Name FROM SMS_TaskSequence_RunCommandLineAction WHERE CommandLine = 'tool.exe /quiet'") == ["Tool from package"])

        // The step's Settings say the same.
        guard case .step(_, let stepID) = row.reference else { Issue.record("not a step: \(row.reference)"); return }
        let settings = try service.stepSettings(stepID, packageID: usesBoot, for: root)
        #expect(settings.first { $0.property == "CommandLine" }?.value == #"cscript.exe "%SCRIPTROOT%\ZTIGather.wsf""#)

        // Setting it rewrites <action> and adds no variable: the engine runs <action>.
        try service.setStepSettings(["commandline": #"cscript.exe "%SCRIPTROOT%\ZTIGather.wsf" /localonly"#], stepID: stepID, packageID: usesBoot, for: root)
        let xml = try service.sequenceXML(packageID: usesBoot, for: root)
        #expect(xml.contains(#"<action>cscript.exe &quot;%SCRIPTROOT%\ZTIGather.wsf&quot; /localonly</action>"#))
        #expect(xml.components(separatedBy: #"property="CommandLine""#).count == 2, "only the first step carries the variable")
        #expect(try names("SELECT Name FROM SMS_TaskSequence_RunCommandLineAction WHERE CommandLine LIKE '%/localonly'") == ["Gather the MDT way"])
        // Other settings of such a step leave its command alone.
        try service.setStepSettings(["RunAsUser": "false", "WorkingDirectory": "C:\\"], stepID: stepID, packageID: usesBoot, for: root)
        #expect(try service.sequenceXML(packageID: usesBoot, for: root).contains(#"<action>cscript.exe &quot;%SCRIPTROOT%\ZTIGather.wsf&quot; /localonly</action>"#))
    }

    // MARK: The action's own package

    @Test func theActionsPackageIsRefPackageIDAndPackageIDStaysTheSequence() throws {
        let rows = try query("SELECT PackageID, RefPackageID, Name FROM SMS_TaskSequence_Action WHERE RefPackageID = 'ABC00001'")
        #expect(rows.map { $0["Name"]?.description ?? "-" } == ["Tool from package", "Tool again"])
        #expect(rows.map { $0["PackageID"]?.description ?? "-" } == [usesBoot, usesApp])
        #expect(rows.map { $0["RefPackageID"]?.description ?? "-" } == ["ABC00001", "abc00001"])
        #expect(try names("SELECT Name FROM SMS_TaskSequence_InstallSoftwareAction WHERE RefPackageID = 'ABC00002'") == ["Install agent"])
        let schema = try service.classSchema("SMS_TaskSequence_RunCommandLineAction", for: root)
        #expect(schema.properties.filter { ["PackageID", "RefPackageID"].contains($0.name) }.map(\.name) == ["PackageID", "RefPackageID"])
        #expect(schema.properties.first { $0.name == "RefPackageID" }?.origin == "SMS_TaskSequence_RunCommandLineAction")
        #expect(schema.properties.first { $0.name == "PackageID" }?.origin == "SMS_TaskSequence_Step")
    }

    @Test func referenceRowsFollowEditsAndDeletes() throws {
        func users(_ packageID: String) throws -> [String] {
            try query("SELECT PackageID FROM SMS_TaskSequencePackageReference WHERE ObjectID = '\(packageID)'").compactMap { $0["PackageID"]?.description }
        }
        let row = try #require(try query("SELECT StepID FROM SMS_TaskSequence_RunCommandLineAction WHERE Name = 'Tool from package'").first)
        guard case .step(_, let stepID) = row.reference else { Issue.record("not a step: \(row.reference)"); return }
        try service.setStepSettings(["PackageID": "ABC00009"], stepID: stepID, packageID: usesBoot, for: root)
        #expect(try users("ABC00001") == [usesApp])
        #expect(try users("ABC00009") == [usesBoot])
        try service.deletePackage(usesApp, for: root)
        #expect(try users("ABC00001").isEmpty)
        #expect(try query("SELECT COUNT(*) FROM SMS_TaskSequencePackageReference WHERE PackageID = '\(usesApp)'").first?["Count"] == .uint32(0))
        #expect(try query("SELECT COUNT(*) FROM SMS_TaskSequenceReferencesInfo").first?["Count"] == .uint32(2))
    }

    // MARK: NULL

    @Test func conditionAndUnsetTextAreNull() throws {
        #expect(try names("SELECT Name FROM SMS_TaskSequence_Step WHERE Condition IS NOT NULL") == ["Install agent"])
        #expect(try names("SELECT Name FROM SMS_TaskSequence_Step WHERE PackageID = '\(usesBoot)' AND Condition IS NULL") == ["Tool from package", "Gather the MDT way"])
        #expect(try names("SELECT Name FROM SMS_TaskSequence_Action WHERE Condition <> NULL") == ["Install agent"])
        #expect(throws: ProviderError.invalidQuery(token: "Condition", position: 46, message: "Condition is an embedded object; queries can only test it with IS NULL or IS NOT NULL")) {
            try query("SELECT Name FROM SMS_TaskSequence_Step WHERE Condition = 'x'")
        }
        // Description="" is written but unset, as ConfigMgr leaves it: IS NULL holds, = '' too.
        #expect(try names("SELECT Name FROM SMS_TaskSequence_Step WHERE PackageID = '\(usesBoot)' AND Description IS NULL").count == 3)
        #expect(try names("SELECT Name FROM SMS_TaskSequence_Step WHERE PackageID = '\(usesBoot)' AND Description = ''").count == 3)
        #expect(try names("SELECT Name FROM SMS_Package WHERE Description IS NULL") == ["Agent"])
        #expect(try names("SELECT Name FROM SMS_Package WHERE Description IS NOT NULL") == ["Tools"])
    }

    // MARK: COUNT, DISTINCT, IN (subquery)

    @Test func countDistinctAndSubqueriesCountOnlyWhatTheCallerReads() throws {
        let count = try #require(try query("SELECT COUNT(*) FROM SMS_TaskSequence_Step").first)
        #expect(count["Count"] == .uint32(5))
        #expect(count.className == "SMS_TaskSequence_Step" && count.relativePath == "SMS_TaskSequence_Step")
        #expect(try query("SELECT COUNT(*) FROM SMS_TaskSequence_RunCommandLineAction WHERE CommandLine LIKE 'tool%'").first?["Count"] == .uint32(2))
        let aliceOnBoot = provider(reading: [usesBoot])
        #expect(try query("SELECT COUNT(*) FROM SMS_TaskSequence_Step", as: alice, on: aliceOnBoot).first?["Count"] == .uint32(3))
        #expect(try query("SELECT COUNT(*) FROM SMS_TaskSequence_Step", as: alice, on: provider(reading: [])).first?["Count"] == .uint32(0))

        let distinct = try query("SELECT DISTINCT PackageID FROM SMS_TaskSequence_Step")
        #expect(distinct.compactMap { $0["PackageID"]?.description } == [usesBoot, usesApp].sorted())
        #expect(try query("SELECT DISTINCT __CLASS, PackageID FROM SMS_TaskSequence_Step", as: alice, on: aliceOnBoot).count == 2)
        #expect(try query("SELECT DISTINCT PackageID FROM SMS_TaskSequence_Step", as: alice, on: aliceOnBoot).compactMap { $0["PackageID"]?.description } == [usesBoot])

        // Sequences using ABC00001, in one query; the subquery is filtered by Read too.
        let using = "SELECT Name FROM SMS_TaskSequencePackage WHERE PackageID IN (SELECT PackageID FROM SMS_TaskSequence_Action WHERE RefPackageID = 'ABC00001')"
        #expect(try names(using) == ["Uses boot", "Uses app"])
        let notUsing = "SELECT Name FROM SMS_TaskSequencePackage WHERE PackageID NOT IN (SELECT PackageID FROM SMS_TaskSequencePackageReference WHERE ObjectID = 'ABC00002')"
        #expect(try names(notUsing) == ["Child", "Uses app"])
        let aliceOnApp = provider(reading: [usesApp])
        #expect(try query(using, as: alice, on: aliceOnApp).map { $0["Name"]?.description ?? "-" } == ["Uses app"])
        // Alice cannot read "Uses boot": its rows neither show nor make the subquery match.
        let readsOnlyChild = provider(reading: [child])
        #expect(try query("SELECT Name FROM SMS_TaskSequencePackage WHERE PackageID IN (SELECT PackageID FROM SMS_TaskSequence_Step)", as: alice, on: readsOnlyChild).isEmpty)

        #expect(throws: ProviderError.invalidQuery(token: "COUNT", position: 17, message: "COUNT and DISTINCT cannot be used together")) {
            try query("SELECT DISTINCT COUNT(*) FROM SMS_TaskSequence_Step")
        }
        #expect(throws: ProviderError.invalidQuery(token: "*", position: 17, message: "DISTINCT needs property names, not *")) {
            try query("SELECT DISTINCT * FROM SMS_TaskSequence_Step")
        }
        #expect(throws: ProviderError.invalidQuery(token: "SELECT", position: 62, message: "a subquery in IN selects exactly one property")) {
            try query("SELECT Name FROM SMS_TaskSequencePackage WHERE PackageID IN (SELECT PackageID, Name FROM SMS_TaskSequence_Step)")
        }
        #expect(throws: ProviderError.invalidQuery(token: "StepID", position: 69, message: "cannot compare PackageID (string) with StepID (sint64)")) {
            try query("SELECT Name FROM SMS_TaskSequencePackage WHERE PackageID IN (SELECT StepID FROM SMS_TaskSequence_Step)")
        }
    }

    // MARK: Reference views

    @Test func referenceViewsAnswerWhoUsesAPackage() throws {
        let users = try query("SELECT PackageID FROM SMS_TaskSequencePackageReference WHERE ObjectID = 'ABC00001'")
        #expect(users.compactMap { $0["PackageID"]?.description } == [usesBoot, usesApp].sorted())
        #expect(Set(users.map(\.reference)) == [.package(usesBoot), .package(usesApp)])

        let all = try query("SELECT * FROM SMS_TaskSequencePackageReference WHERE PackageID = '\(usesBoot)'")
        #expect(all.map(\.relativePath) == [
            "SMS_TaskSequencePackageReference.ObjectID=\"ABC00001\",PackageID=\"\(usesBoot)\"",
            "SMS_TaskSequencePackageReference.ObjectID=\"ABC00002\",PackageID=\"\(usesBoot)\"",
        ])
        #expect(all.first?["ObjectName"] == .string("Tools") && all.first?["ObjectType"] == .uint32(0))
        #expect(all.first?["Description"] == .string("command-line tools") && all.first?["Version"] == .string("2"))
        let childRow = try #require(try query("SELECT * FROM SMS_TaskSequencePackageReference WHERE ObjectID = '\(child)'").first)
        #expect(childRow["ObjectType"] == .uint32(4) && childRow["ObjectName"] == .string("Child"))

        // _Flat: the same references, all direct (the provider keeps no application dependencies).
        let flat = try query("SELECT * FROM SMS_TaskSequencePackageReference_Flat WHERE PackageID = '\(usesBoot)'")
        #expect(flat.map { $0["RefPackageID"]?.description ?? "-" } == ["ABC00001", "ABC00002"])
        #expect(flat.allSatisfy { $0["Level"] == .string("0") && $0["SourceID"] == .string("") && $0["SourceSize"] == nil })
        #expect(flat.first?["ObjectName"] == .string("Tools"))
        #expect(try query("SELECT PackageID FROM SMS_TaskSequencePackageReference_Flat WHERE ObjectID = 'ABC00001'", as: alice, on: provider(reading: [usesApp]))
            .compactMap { $0["PackageID"]?.description } == [usesApp])

        let info = try query("SELECT * FROM SMS_TaskSequenceReferencesInfo WHERE PackageID = '\(usesBoot)'")
        #expect(info.map { $0["ReferencePackageID"]?.description ?? "-" } == ["ABC00001", "ABC00002"])
        #expect(info.map { $0["ReferenceProgramName"]?.description ?? "-" } == ["*", "Install"])
        #expect(info.map { $0["ProgramName"]?.description ?? "-" } == ["*", "*"])
        #expect(info.last?["ReferenceName"] == .string("Agent") && info.last?["ReferencePackageType"] == .uint32(0))
        #expect(info.first?.relativePath == "SMS_TaskSequenceReferencesInfo.PackageID=\"\(usesBoot)\",ProgramName=\"*\"")

        // Who uses ABC00001, for a caller reading only "Uses app".
        let aliceOnApp = provider(reading: [usesApp])
        #expect(try query("SELECT PackageID FROM SMS_TaskSequencePackageReference WHERE ObjectID = 'abc00001'", as: alice, on: aliceOnApp)
            .compactMap { $0["PackageID"]?.description } == [usesApp])
        #expect(try query("SELECT * FROM SMS_TaskSequenceReferencesInfo", as: alice, on: aliceOnApp).allSatisfy { $0["PackageID"] == .string(usesApp) })
        #expect(try query("SELECT COUNT(*) FROM SMS_TaskSequencePackageReference", as: alice, on: provider(reading: [])).first?["Count"] == .uint32(0))
        // A package alice may not read is still referenced, but its name, description,
        // version and type do not show; neither does the child sequence's name.
        let withoutPackages = provider(reading: [usesBoot, usesApp], smsPackages: ["ABC00002"])
        let hidden = try query("SELECT * FROM SMS_TaskSequencePackageReference", as: alice, on: withoutPackages)
        #expect(hidden.map { "\($0["ObjectID"]?.description ?? "-") \($0["ObjectName"]?.description ?? "-") \($0["ObjectType"]?.description ?? "-")" }
            == ["ABC00001 - -", "ABC00002 Agent 0", "\(child) - -", "abc00001 - -"])
        #expect(try query("SELECT ReferenceName FROM SMS_TaskSequenceReferencesInfo WHERE ReferencePackageID = 'ABC00001'", as: alice, on: withoutPackages)
            .allSatisfy { $0["ReferenceName"] == nil })

        // GetClass describes both views, keys first, as the SDK pages list them.
        let reference = try service.classSchema("SMS_TaskSequencePackageReference", for: root)
        #expect(reference.properties.map(\.name) == ["PackageID", "ObjectID", "ObjectName", "ObjectType", "Description", "Version"])
        #expect(reference.properties.filter { $0.qualifiers.contains { $0.name == "key" } }.map(\.name) == ["PackageID", "ObjectID"])
        let references = try service.classSchema("SMS_TaskSequenceReferencesInfo", for: root)
        #expect(references.properties.filter { $0.qualifiers.contains { $0.name == "key" } }.map(\.name) == ["PackageID", "ProgramName"])
        #expect(references.qualifiers.contains { $0.name == "Read" })
        #expect(ServedClasses.names.contains("SMS_TaskSequencePackageReference") && ServedClasses.names.contains("SMS_TaskSequenceReferencesInfo"))
    }
}

extension PackageProperties {
    /// Default properties with a name.
    static func named(_ name: String) -> PackageProperties {
        var properties = PackageProperties()
        properties.name = name
        return properties
    }
}

import Foundation
import ProviderCore
import ProviderStore
import TaskSequenceModel

/// A store with a handful of packages and one hand-written sequence whose every step the query
/// tests know.
final class QueryFixture {
    let base: ServiceFixture
    var service: ProviderService { base.service }
    var root: Caller { base.root }
    /// PackageIDs by package name.
    private(set) var ids: [String: String] = [:]

    /// The packages created besides the sample sequence: name, description, version, duration.
    static let packages: [(String, String, String, UInt32)] = [
        ("Windows 11 Deploy", "Deploys Windows 11", "1.0", 90),
        ("Office 365", "apps 100%", "2.5", 30),
        ("Drivers_HP", "", "", 0),
        ("DriversXHP", "", "", 0),
        ("[Legacy] XP", "old", "", 0),
        ("O'Brien \"quoted\"", "", "", 5),
    ]

    /// The sample sequence: a group conditioned on _SMSTSInWinPE holding two Run Command Line
    /// steps, a restart with an OR condition, a custom MDT action, an untyped MDT step and an
    /// empty group.
    static let sampleXML = #"""
    <sequence version="3.10">
      <group name="Setup" description="prepare">
        <condition>
          <expression type="SMS_TaskSequence_VariableConditionExpression">
            <variable name="Variable">_SMSTSInWinPE</variable>
            <variable name="Operator">equals</variable>
            <variable name="Value">false</variable>
          </expression>
        </condition>
        <step type="SMS_TaskSequence_RunCommandLineAction" name="Run PowerShell" description="ps" runIn="FullOS" timeout="600">
          <action>smsswd.exe /run: powershell.exe -File x.ps1</action>
          <defaultVarList>
            <variable name="CommandLine" property="CommandLine" hidden="true">PowerShell.exe -File x.ps1</variable>
            <variable name="SMSTSDisableWow64Redirection" property="DisableWow64Redirection">true</variable>
            <variable name="SMSTSRunCommandLineUserName" property="UserName">corp\svc</variable>
            <variable name="SMSTSRunCommandLineUserPassword" property="UserPassword">s3cret!</variable>
            <variable name="SuccessCodes" property="SuccessCodes" hidden="true">0 3010</variable>
          </defaultVarList>
        </step>
        <step type="SMS_TaskSequence_RunCommandLineAction" name="Echo 100%" disable="true" continueOnError="true">
          <action>smsswd.exe /run: cmd /c echo 100%</action>
          <defaultVarList>
            <variable name="CommandLine" property="CommandLine">cmd /c echo 100%</variable>
            <variable name="SMSTSRunCommandLineUserPassword" property="SMSTSRunCommandLineUserPassword">other-secret</variable>
          </defaultVarList>
        </step>
      </group>
      <step type="SMS_TaskSequence_RebootAction" name="Restart" runIn="WinPEandFullOS">
        <action>smsboot.exe /target:WinPE</action>
        <defaultVarList>
          <variable name="SMSRebootTarget" property="Target">WinPE</variable>
          <variable name="SMSRebootTimeout" property="MessageTimeout">60</variable>
        </defaultVarList>
        <condition>
          <operator type="or">
            <expression type="SMS_TaskSequence_RegistryConditionExpression">
              <variable name="KeyPath">HKEY_LOCAL_MACHINE\SOFTWARE\Contoso</variable>
              <variable name="Value">Flag</variable>
              <variable name="Operator">exists</variable>
              <variable name="Type">REG_SZ</variable>
            </expression>
            <expression type="SMS_TaskSequence_FileConditionExpression">
              <variable name="Path">C:\Windows\notepad.exe</variable>
            </expression>
          </operator>
        </condition>
      </step>
      <step type="BDD_Gather" name="Gather" runIn="WinPEandFullOS">
        <action>cscript.exe "%SCRIPTROOT%\ZTIGather.wsf"</action>
        <defaultVarList><variable name="GatherLocalOnly" property="GatherLocalOnly">false</variable></defaultVarList>
      </step>
      <step name="Untyped" disable="false" continueOnError="false">
        <action>cscript.exe "%SCRIPTROOT%\ZTIGroups.wsf"</action>
      </step>
      <group name="[Empty]_group"/>
    </sequence>
    """#

    init() throws {
        base = try ServiceFixture()
        for (name, description, version, duration) in Self.packages {
            var properties = PackageProperties()
            properties.name = name
            properties.description = description
            properties.version = version
            properties.duration = duration
            ids[name] = try base.service.createPackage(properties, for: base.root)
        }
        ids["Sample"] = try base.service.importPackage(data: Data(Self.sampleXML.utf8), name: "Sample", for: base.root)
    }

    func id(_ name: String) -> String { ids[name] ?? "?" }

    /// Runs `wql` as root.
    func query(_ wql: String) throws -> [QueryResult] {
        try service.execQuery(wql, for: root)
    }

    /// The values of `property` in the rows `wql` returns, as text ("-" when absent).
    func values(_ property: String, _ wql: String) throws -> [String] {
        try query(wql).map { $0[property]?.description ?? "-" }
    }

    /// The names of the packages `condition` selects, in PackageID order.
    func packageNames(where condition: String) throws -> [String] {
        try values("Name", "SELECT Name FROM SMS_TaskSequencePackage WHERE \(condition)")
    }

    /// The names of the steps of the sample sequence in `className` matching `condition`.
    func stepNames(_ className: String = "SMS_TaskSequence_Step", where condition: String? = nil) throws -> [String] {
        let filter = condition.map { " AND (\($0))" } ?? ""
        return try values("Name", "SELECT Name FROM \(className) WHERE PackageID = '\(id("Sample"))'\(filter)")
    }
}

/// The 1-based character position of the first `needle` in `text`.
func position(of needle: String, in text: String) -> Int {
    guard let range = text.range(of: needle) else { return -1 }
    return text.distance(from: text.startIndex, to: range.lowerBound) + 1
}

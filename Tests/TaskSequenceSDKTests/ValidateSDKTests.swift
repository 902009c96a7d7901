import Foundation
import TaskSequenceSDK
import Testing
import TestSupport

/// `PackageHandle.validate()` and `Validate` on the bus: findings with codes, severities and the
/// stored StepIDs, references checked against the site's packages.
@Suite struct ValidateSDKTests {
    static func sequence(sitePackage: String) -> String {
        """
        <sequence version="3.10">
          <step type="SMS_TaskSequence_RunCommandLineAction" name="Map share">
            <action>smsswd.exe /run:\(sitePackage) net use S: \\\\fs01\\osd Winter2026! /user:CORP\\osdsvc</action>
            <defaultVarList>
              <variable name="CommandLine" property="CommandLine">net use S: \\\\fs01\\osd Winter2026! /user:CORP\\osdsvc</variable>
              <variable name="PackageID" property="PackageID">\(sitePackage)</variable>
            </defaultVarList>
          </step>
          <group name="Apps">
            <step type="SMS_TaskSequence_InstallSoftwareAction" name="Install agent">
              <condition><expression type="SMS_TaskSequence_VariableConditionExpression">
                <variable name="Operator">equals</variable><variable name="Value">false</variable><variable name="Variable">_SMSTSInWinPEE</variable>
              </expression></condition>
              <action>smsswd.exe /pkg:PS1FFFFF /install /labelname:Setup</action>
              <defaultVarList>
                <variable name="PackageID" property="PackageID">PS1FFFFF</variable>
                <variable name="_SMSSWDProgramName" property="ProgramName">Setup</variable>
              </defaultVarList>
            </step>
          </group>
        </sequence>
        """
    }

    @Test func validateReportsFindingsWithStepIDs() throws {
        try withProvider { client, daemon in
            let site = try SitePackages.create(named: "Share tools", address: daemon.address)
            let package = try client.importPackage(xml: Self.sequence(sitePackage: site))
            let top = try package.sequence.steps()
            let mapShare = try #require(top.first)
            let installAgent = try #require(try top.last?.steps().first)

            let findings = try package.validate()
            #expect(findings.map(\.code) == [.clearTextSecretInCommand, .danglingPackageReference, .conditionVariableTypo])
            #expect(findings.map(\.step?.stepID) == [mapShare.id, installAgent.id, installAgent.id])
            #expect(findings.map { $0.step?.path.description } == ["step[1]", "group[2]/step[1]", "group[2]/step[1]"])
            #expect(findings.map(\.severity) == [.error, .error, .warning])
            #expect(findings[1].message == "package PS1FFFFF (program Setup) does not exist at this site; import it or point the step at an existing package")
            #expect(findings[2].message == "the condition tests _SMSTSInWinPEE, which nothing sets; did you mean _SMSTSInWinPE?")
            #expect(findings[0].description == "error TS201 clear-text-secret-in-command step[1] \"Map share\" (step \(mapShare.id)): CommandLine passes a password in clear text after net use … /user:; put it in a hidden variable and pass %Variable%, or use the step's Run as account")

            // The same call with busctl: an array of a{sv}.
            let result = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/busctl"), [
                "--address=\(daemon.address)", "--json=short", "call", "org.tsprovider.Provider1", package.objectPath,
                "org.tsprovider.Provider1.SMS_TaskSequencePackage", "Validate",
            ])
            #expect(result.status == 0, "\(result.errorOutput)")
            let reply = try #require(try JSONSerialization.jsonObject(with: result.standardOutput) as? [String: Any])
            #expect(reply["type"] as? String == "aa{sv}")
            let rows = try #require((reply["data"] as? [Any])?.first as? [[String: [String: Any]]])
            #expect(rows.map { $0["Code"]?["data"] as? String } == ["TS201", "TS101", "TS301"])
            #expect(rows.first?["StepID"]?["type"] as? String == "t")
        }
    }

    /// A stored sequence over 2 MB (560 Set Task Sequence Variable steps of 4,000-character
    /// values) is reported with its size; nothing else is wrong with it.
    @Test func aSequenceOverTwoMegabytesIsReported() throws {
        let value = String(repeating: "x", count: 4000)
        let steps = (1...560).map { index in
            """
            <step type="SMS_TaskSequence_SetVariableAction" name="Set \(index)"><action>tsenv.exe "Big\(index)=..."</action>\
            <defaultVarList><variable name="VariableName" property="VariableName" hidden="true">Big\(index)</variable>\
            <variable name="VariableValue" property="VariableValue" hidden="true">\(value)</variable></defaultVarList></step>
            """
        }
        let xml = "<sequence version=\"3.10\">" + steps.joined() + "</sequence>"
        #expect(xml.utf8.count > 2 * 1_048_576)
        try withProvider { client, _ in
            let findings = try client.importPackage(xml: xml).validate()
            #expect(findings.map(\.code) == [.storedSequenceSize])
            let message = try #require(findings.first?.message)
            #expect(message.hasPrefix("the sequence is 2.3 MB ("), "\(message)")
            #expect(message.hasSuffix(" bytes) as stored, over the 2 MB ConfigMgr warns at; move large scripts into packages"))
            #expect(findings.first?.step == nil)
        }
    }
}

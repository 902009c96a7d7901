import Foundation
import TaskSequenceSDK
import Testing
import TestSupport

/// The SDK's view of import warnings: `validateSequence(xml:)` and `PackageHandle.importWarnings()`.
@Suite struct ImportWarningsSDKTests {
    static let warned = """
        <sequence version="3.10">
          <step type="SMS_TaskSequence_RunCommandLineAction" name="Run">
            <condition>
              <expression type="SMS_TaskSequence_RegistryConditionExpression">
                <variable name="KeyPath">HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso</variable>
                <variable name="Operator">notExists</variable>
              </expression>
            </condition>
            <action>smsswd.exe /run: cmd /c exit 0</action>
            <defaultVarList><variable name="CommandLine" property="CommandLine">cmd /c exit 0</variable></defaultVarList>
          </step>
        </sequence>
        """
    static let warning = #"step[1] "Run" condition/expression[1]: Operator: 'notExists' is a spelling of 'nonExists' that ConfigMgr exports write (kept as written)"#

    @Test func importAndValidateReturnTheWarnings() throws {
        try withProvider { client, _ in
            let checked = try client.validateSequence(xml: Self.warned)
            #expect(checked.warnings == [Self.warning])
            #expect(checked.xml.contains("notExists"))
            #expect(try client.packages().isEmpty)

            let package = try client.importPackage(xml: Self.warned)
            #expect(try package.importWarnings() == [Self.warning])
            try package.setSequenceXML(Self.warned.replacingOccurrences(of: "notExists", with: "nonExists"), expectingSourceVersion: nil)
            #expect(try package.importWarnings().isEmpty)

            // The same operator added explicitly (AddExpression) is refused, as the console would.
            let step = try #require(try package.sequence.steps().first)
            let error = providerError {
                try step.condition.addExpression(className: "SMS_TaskSequence_RegistryConditionExpression", properties: [
                    ConditionProperty("KeyPath", "HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso"), ConditionProperty("Operator", "notExists"),
                ])
            }
            guard case .validationFailed(let property, let rule)? = error else {
                Issue.record("expected validationFailed, got \(String(describing: error))")
                return
            }
            #expect(property == "Operator")
            #expect(rule == "'notExists' is not in ValueMap {exists, nonExists, equals, notEquals, less, lessEqual, greater, greaterEqual}; write 'nonExists'")
        }
    }
}

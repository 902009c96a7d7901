import Foundation
import Testing
import ProviderCore
import TaskSequenceModel

/// What an import warned about is returned, stored with the revision and served as
/// ImportWarnings; an explicit edit breaking the same rule is refused; a refused import names
/// every error.
@Suite struct ImportWarningsTests {
    static let longDescription = String(repeating: "d", count: 300)
    static let warned = """
        <sequence version="3.10">
          <step type="SMS_TaskSequence_RunCommandLineAction" name="Run" description="\(longDescription)">
            <action>smsswd.exe /run: cmd /c exit 0</action>
            <defaultVarList><variable name="CommandLine" property="CommandLine">cmd /c exit 0</variable></defaultVarList>
          </step>
        </sequence>
        """
    static let warning = #"step[1] "Run": Description: length 300 exceeds AllowedLen 0-255"#

    @Test func importKeepsTheWarningsWithThePackage() throws {
        let fixture = try ServiceFixture()
        let id = try fixture.service.importPackage(text: Self.warned, for: fixture.root)
        #expect(try fixture.service.importWarnings(packageID: id, for: fixture.root) == [Self.warning])
        // Kept as written.
        #expect(try fixture.service.sequenceXML(packageID: id, for: fixture.root).contains(Self.longDescription))

        // A later property edit does not change what the import said; a SetSequence replaces it.
        try fixture.service.updatePackage(id, for: fixture.root) { $0.description = "edited" }
        #expect(try fixture.service.importWarnings(packageID: id, for: fixture.root) == [Self.warning])
        let clean = Self.warned.replacingOccurrences(of: Self.longDescription, with: "short")
        let replaced = try fixture.service.replaceSequence(packageID: id, xml: clean, expectedSourceVersion: 0, for: fixture.root)
        #expect(replaced.warnings.isEmpty)
        #expect(try fixture.service.importWarnings(packageID: id, for: fixture.root).isEmpty)
        let again = try fixture.service.replaceSequence(packageID: id, xml: Self.warned, expectedSourceVersion: 0, for: fixture.root)
        #expect(again.warnings == [Self.warning])
        #expect(try fixture.service.importWarnings(packageID: id, for: fixture.root) == [Self.warning])
    }

    @Test func validateSequenceReturnsTheWarningsAndStoresNothing() throws {
        let fixture = try ServiceFixture()
        let result = try fixture.service.validateSequence(xml: Self.warned, for: fixture.root)
        #expect(result.warnings == [Self.warning])
        #expect(result.xml.contains(Self.longDescription))
        #expect(try fixture.service.packageIDs(for: fixture.root).isEmpty)
    }

    @Test func theSameRuleOnAnExplicitEditIsRefused() throws {
        let fixture = try ServiceFixture()
        let id = try fixture.service.importPackage(text: Self.warned, for: fixture.root)
        #expect(throws: ProviderError.validationFailed(property: "Description", rule: "length 300 exceeds AllowedLen 0-255")) {
            _ = try fixture.service.addStep(
                className: "SMS_TaskSequence_RunCommandLineAction",
                properties: ["Name": "Another", "Description": Self.longDescription, "CommandLine": "cmd /c exit 0"],
                packageID: id, parentID: nil, index: -1, for: fixture.root)
        }
    }

    @Test func aRefusedImportNamesEveryError() throws {
        let fixture = try ServiceFixture()
        let xml = #"<sequence version="3.10"><group name=""/><step type="SMS_TaskSequence_RunCommandLineAction" name="Run" runIn="Mars"><defaultVarList><variable name="CommandLine" property="CommandLine">x</variable></defaultVarList></step></sequence>"#
        #expect(throws: ProviderError.validationFailed(
            property: "Name",
            rule: #"is empty; AllowedLen 1-100 (at group[1] ""); SupportedEnvironment: 'Mars' is not WinPE, FullOS or WinPEandFullOS (at step[2] "Run")"#)) {
            _ = try fixture.service.importPackage(text: xml, for: fixture.root)
        }
        #expect(try fixture.service.packageIDs(for: fixture.root).isEmpty)
    }
}

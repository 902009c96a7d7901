import Testing
import TaskSequenceModel
import TaskSequenceXML

/// The storage form keeps Secret and QuasiSecret values; the export form blanks them.
@Suite struct SecretFormTests {
    static let xml = """
        <sequence version="3.10"><group name="Setup" description="">\
        <step type="SMS_TaskSequence_ApplyWindowsSettingsAction" name="Apply Windows Settings" description="">\
        <action>osdwinsettings.exe /config</action><defaultVarList>\
        <variable name="OSDLocalAdminPassword" property="AdminPassword">Adm1n</variable>\
        <variable name="OSDProductKey" property="ProductKey">AAAAA-BBBBB</variable>\
        <variable name="OSDTimeZone" property="TimeZone">Pacific Standard Time</variable></defaultVarList></step>\
        <step type="SMS_TaskSequence_RunCommandLineAction" name="Run as admin" description="">\
        <action>smsswd.exe /run: whoami</action><defaultVarList>\
        <variable name="CommandLine" property="CommandLine" hidden="true">whoami</variable>\
        <variable name="SMSTSRunCommandLineUserName" property="UserName">CONTOSO\\admin</variable>\
        <variable name="SMSTSRunCommandLineUserPassword" property="UserPassword">P@ss</variable></defaultVarList></step>\
        </group></sequence>
        """
    static let secrets = ["Adm1n", "AAAAA-BBBBB", "P@ss"]

    @Test func theStorageFormKeepsSecrets() throws {
        let sequence = try TaskSequenceReader().sequence(fromXML: Self.xml)
        let written = try TaskSequenceWriter(form: .storage).sequenceXML(sequence)
        #expect(try XMLEquivalence.firstDifference(between: Self.xml, and: written) == nil)
    }

    @Test(arguments: TaskSequenceWriter.Layout.allCases)
    func theExportFormBlanksSecretsAndNothingElse(layout: TaskSequenceWriter.Layout) throws {
        let sequence = try TaskSequenceReader().sequence(fromXML: Self.xml)
        let writer = TaskSequenceWriter(layout: layout, form: .export)
        let written = try writer.sequenceXML(sequence)
        for secret in Self.secrets { #expect(!written.contains(secret)) }
        #expect(written.contains("Pacific Standard Time") && written.contains("CONTOSO\\admin") && written.contains(">whoami<"))
        #expect(try TaskSequenceReader().sequence(fromXML: written) == sequence.blankingSecrets())
        let difference = try #require(try XMLEquivalence.firstDifference(between: Self.xml, and: written))
        #expect(difference.path == "/sequence/group/step[1]/defaultVarList/variable[1]/text()")

        let package = try writer.packageXML(sequence, properties: PackageProperties())
        for secret in Self.secrets { #expect(!package.contains(secret)) }
    }
}

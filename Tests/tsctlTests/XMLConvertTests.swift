import Foundation
import Testing
import TaskSequenceXML
import TestSupport

/// `tsctl xml convert`, run as a subprocess: its output is the same XML as its input.
@Suite struct XMLConvertTests {
    @Test(arguments: TSCtlFixtures.realWorldNames)
    func convertingToASequenceGivesTheSameXML(name: String) throws {
        let result = try TSCtlFixtures.tsctl("xml", "convert", TSCtlFixtures.path(name), "--to", "sequence")
        #expect(result.status == 0, "\(result.errorOutput)")
        let difference = try XMLEquivalence.firstDifference(between: TSCtlFixtures.originalSequence(name), and: result.standardOutput)
        #expect(difference == nil, "\(name): \(difference?.description ?? "")")
    }

    @Test(arguments: TSCtlFixtures.realWorldNames)
    func convertingToAPackageGivesTheSameXMLInTheWrapper(name: String) throws {
        let result = try TSCtlFixtures.tsctl("xml", "convert", TSCtlFixtures.path(name), "--to", "package")
        #expect(result.status == 0, "\(result.errorOutput)")
        let document = try TaskSequenceReader().document(from: result.standardOutput)
        #expect(document.format == .package2007)
        let sequence = try TaskSequenceWriter().sequenceXML(document.sequence)
        let difference = try XMLEquivalence.firstDifference(between: TSCtlFixtures.originalSequence(name), and: Data(sequence.utf8))
        #expect(difference == nil, "\(name): \(difference?.description ?? "")")
        if name.hasSuffix("object.xml") { #expect(!document.package.name.isEmpty) }
    }

    @Test func canonicalOutputGoesToAFile() throws {
        let name = "DeploymentBunny__MVPDays__DeploymentShare__Control__WS2019-002__ts.xml"
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("tsctl-convert-\(UUID().uuidString).xml")
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try TSCtlFixtures.tsctl("xml", "convert", TSCtlFixtures.path(name), "--to", "sequence", "--canonical", "-o", output.path)
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.standardOutput.isEmpty)
        let written = try Data(contentsOf: output)
        let text = String(decoding: written, as: UTF8.self)
        #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sequence version=\"3.00\""))
        #expect(text.contains("\n  <globalVarList>\n    <variable "))
        #expect(!text.contains("\r"))
        #expect(try XMLEquivalence.firstDifference(between: TSCtlFixtures.originalSequence(name), and: written) == nil)
    }

    @Test func standardInputCanBeConverted() throws {
        let name = "microsoft__configmgr-hub-selfhost__Task_Sequence_1.xml"
        let input = try TSCtlFixtures.originalSequence(name)
        let result = try TSCtlFixtures.tsctl("xml", "convert", "-", "--to", "sequence", standardInput: input)
        #expect(result.status == 0)
        #expect(try XMLEquivalence.firstDifference(between: input, and: result.standardOutput) == nil)
    }

    @Test func aZipWithSeveralPackagesNeedsPackage() throws {
        let zip = TSCtlFixtures.path("export-several.zip", in: TSCtlFixtures.containers)
        let ambiguous = try TSCtlFixtures.tsctl("xml", "convert", zip, "--to", "sequence")
        #expect(ambiguous.status == 1)
        #expect(ambiguous.errorLines == ["\(zip): the archive holds 2 task sequence packages (PS100294, PS10026F); choose one with --package ID"])
        let chosen = try TSCtlFixtures.tsctl("xml", "convert", zip, "--to", "package", "--package", "PS10026F")
        #expect(chosen.status == 0)
        #expect(try TaskSequenceReader().document(from: chosen.standardOutput).package.name == "Module - Modern BIOS Management")
        let missing = try TSCtlFixtures.tsctl("xml", "convert", zip, "--to", "package", "--package", "PS999999")
        #expect(missing.status == 1)
        #expect(missing.errorOutput.contains("no package PS999999"))
    }

    @Test func aMalformedFileFailsWithItsPosition() throws {
        let path = TSCtlFixtures.path("double-escaped-sequence.xml", in: TSCtlFixtures.malformed)
        let result = try TSCtlFixtures.tsctl("xml", "convert", path, "--to", "sequence")
        #expect(result.status == 1)
        #expect(result.standardOutput.isEmpty)
        #expect(result.errorLines.count == 1)
        #expect(result.errorLines.first?.hasPrefix("\(path):1:1: Start tag expected") == true)
    }

    @Test(arguments: [
        ["xml", "convert", "ts.xml"],                              // --to missing
        ["xml", "convert", "ts.xml", "--to", "json"],              // not a target
        ["xml", "check"],                                          // no files
        ["xml", "frobnicate"],                                     // no such command
        ["xml", "check", "--no-such-flag", "ts.xml"],
    ])
    func usageErrorsExitWith2(arguments: [String]) throws {
        let result = try TSCtlFixtures.tsctl(arguments)
        #expect(result.status == 2, "\(arguments): \(result.status) \(result.errorOutput)")
        #expect(result.errorLines.count == 1)
        #expect(result.errorLines.first?.hasPrefix("tsctl: ") == true)
        #expect(result.errorOutput.contains("--help"))
    }

    @Test func helpExitsWith0() throws {
        let result = try TSCtlFixtures.tsctl("xml", "convert", "--help")
        #expect(result.status == 0)
        #expect(result.output.contains("--keep-secrets"))
    }
}

/// Conversion is an export: secrets are blanked unless asked to keep them.
@Suite struct XMLConvertSecretTests {
    static let xml = """
        <sequence version="3.10"><step type="SMS_TaskSequence_RunCommandLineAction" name="Run as admin" description="">\
        <action>smsswd.exe /run: whoami</action><defaultVarList>\
        <variable name="CommandLine" property="CommandLine" hidden="true">whoami</variable>\
        <variable name="SMSTSRunCommandLineUserName" property="UserName">CONTOSO\\admin</variable>\
        <variable name="SMSTSRunCommandLineUserPassword" property="UserPassword">S3cret!</variable>\
        </defaultVarList></step></sequence>
        """

    @Test(arguments: ["sequence", "package"])
    func secretsAreBlankedByDefault(target: String) throws {
        let result = try TSCtlFixtures.tsctl("xml", "convert", "-", "--to", target, standardInput: Data(Self.xml.utf8))
        #expect(result.status == 0)
        #expect(!result.output.contains("S3cret!"))
        #expect(result.output.contains(#"<variable name="SMSTSRunCommandLineUserPassword" property="UserPassword"></variable>"#))
        #expect(result.output.contains("CONTOSO\\admin"))
    }

    @Test func keepSecretsKeepsThem() throws {
        let result = try TSCtlFixtures.tsctl("xml", "convert", "-", "--to", "sequence", "--keep-secrets", standardInput: Data(Self.xml.utf8))
        #expect(result.status == 0)
        #expect(try XMLEquivalence.firstDifference(between: Data(Self.xml.utf8), and: result.standardOutput) == nil)
    }
}

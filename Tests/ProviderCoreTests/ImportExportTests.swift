import Foundation
import Testing
import ProviderCore
import ProviderStore
import TaskSequenceModel
import TaskSequenceXML
import TestSupport

@Suite struct ImportExportTests {
    @Test func everyRealWorldFileImportsAndComesBackAsTheSameXML() throws {
        let fixture = try ServiceFixture()
        #expect(Fixtures.realWorldNames.count >= 90)
        for name in Fixtures.realWorldNames {
            let data = try Fixtures.data(name)
            let id = try fixture.service.importPackage(data: data, for: fixture.root)
            let stored = try fixture.service.sequenceXML(packageID: id, for: fixture.root)
            // What a client may see: the file's sequence with secrets blanked.
            let document = try TaskSequenceReader().document(from: data)
            let expected = try TaskSequenceWriter(form: .export).sequenceXML(document.sequence)
            let difference = try XMLEquivalence.firstDifference(between: expected, and: stored)
            #expect(difference == nil, "\(name): \(String(describing: difference))")
            let properties = try fixture.service.package(id, for: fixture.root)
            #expect(id.hasPrefix("TST") && properties.sourceVersion == 1 && properties.packageType == 4)
            if !document.package.name.isEmpty { #expect(properties.name == document.package.name) }
        }
        #expect(try fixture.service.packageIDs(for: fixture.root).count == Fixtures.realWorldNames.count)
    }

    @Test func referencesTypeAndDanglingReferencesFollowTheSequence() throws {
        let fixture = try ServiceFixture()
        let name = try #require(Fixtures.realWorldNames.first { $0.contains("Windows10UpgradeTS") })
        let id = try fixture.service.importPackage(data: try Fixtures.data(name), for: fixture.root)
        let properties = try fixture.service.package(id, for: fixture.root)
        #expect(!properties.references.isEmpty)
        #expect(properties.type == 2)
        #expect(properties.taskSequenceFlags & PackageProperties.danglingReferenceFlag != 0)
        // Once the site has every referenced package, the flag clears.
        for reference in Set(properties.references.map(\.package)) where !reference.isEmpty {
            _ = try fixture.service.createSMSPackage(.init(packageID: reference, name: "pkg \(reference)"), for: fixture.root)
        }
        #expect(try fixture.service.package(id, for: fixture.root).taskSequenceFlags & PackageProperties.danglingReferenceFlag == 0)
    }

    @Test func setSequenceRejectsAStaleVersionAndChangesNothing() throws {
        let fixture = try ServiceFixture()
        let id = try fixture.service.createPackage(PackageProperties(), for: fixture.root)
        let first = #"<sequence version="3.10"><step type="SMS_TaskSequence_RebootAction" name="Restart"><action>smsboot.exe /target:HD</action><defaultVarList><variable name="SMSRebootTarget" property="Target">HD</variable></defaultVarList></step></sequence>"#
        let version = try fixture.service.setSequence(packageID: id, xml: first, expectedSourceVersion: 1, for: fixture.root)
        #expect(version == 2)
        #expect(throws: ProviderError.conflict(expected: 1, actual: 2)) {
            try fixture.service.setSequence(packageID: id, xml: #"<sequence version="3.10"/>"#, expectedSourceVersion: 1, for: fixture.root)
        }
        #expect(try XMLEquivalence.firstDifference(between: first, and: fixture.service.sequenceXML(packageID: id, for: fixture.root)) == nil)
        #expect(try fixture.service.package(id, for: fixture.root).sourceVersion == 2)
    }

    @Test func malformedXMLNamesLineAndColumnAndChangesNothing() throws {
        let fixture = try ServiceFixture()
        let id = try fixture.service.createPackage(PackageProperties(), for: fixture.root)
        #expect {
            try fixture.service.setSequence(packageID: id, xml: "<sequence version=\"3.10\">\n  <group name=\"a\">\n</sequence>", expectedSourceVersion: 0, for: fixture.root)
        } throws: { error in
            if case ProviderError.invalidXML(let line, _, _) = error { line == 3 } else { false }
        }
        do {
            _ = try fixture.service.importPackage(data: Data("<sequence>\n<step></sequence>".utf8), for: fixture.root)
            Issue.record("malformed import succeeded")
        } catch ProviderError.invalidXML(let line, let column, _) {
            #expect(line == 2 && column > 0)
        }
        #expect(try fixture.service.packageIDs(for: fixture.root) == [id])
        #expect(try fixture.service.package(id, for: fixture.root).sourceVersion == 1)
    }

    @Test func secretsNeverComeBackAndBlankOnesKeepTheStoredValue() throws {
        let fixture = try ServiceFixture()
        let xml = #"<sequence version="3.10"><step type="SMS_TaskSequence_RunCommandLineAction" name="As user"><action>smsswd.exe /run: whoami</action><defaultVarList><variable name="CommandLine" property="CommandLine" hidden="true">whoami</variable><variable name="SMSTSRunCommandLineUserName" property="UserName">corp\svc</variable><variable name="SMSTSRunCommandLineUserPassword" property="UserPassword">s3cret!</variable></defaultVarList></step></sequence>"#
        let id = try fixture.service.importPackage(data: Data(xml.utf8), for: fixture.root)
        for output in [try fixture.service.sequenceXML(packageID: id, for: fixture.root), try fixture.service.export(packageID: id, format: .package, for: fixture.root)] {
            #expect(!output.contains("s3cret!"))
        }
        let step = try fixture.service.topLevelStepIDs(packageID: id, for: fixture.root)[0]
        #expect(try fixture.service.stepSettings(step, packageID: id, for: fixture.root).first { $0.property == "UserPassword" }?.value == "")
        // Send back what a client saw (blank password) with a changed user name: the password stays.
        let seen = try fixture.service.sequenceXML(packageID: id, for: fixture.root).replacingOccurrences(of: "corp\\svc", with: "corp\\other")
        _ = try fixture.service.setSequence(packageID: id, xml: seen, expectedSourceVersion: 0, for: fixture.root)
        let stored = try fixture.service.store.read { try SequenceTree.load(packageID: id, in: $0) }
        #expect(stored.steps[0].setting("UserPassword") == "s3cret!")
        #expect(stored.steps[0].setting("UserName") == "corp\\other")
    }

    @Test func secretRuleVariablesAreBlankInSettingsReadsAndKeptThroughThem() throws {
        let fixture = try ServiceFixture()
        let rules = #"<Rules><Rule><Variables><Variable Name="JoinPassword" IsSecret="true">Planted-Rule-31</Variable><Variable Name="Site" IsSecret="false">A</Variable></Variables></Rule></Rules>"#
        let xml = #"<sequence version="3.10"><step type="SMS_TaskSequence_SetDynamicVariablesAction" name="Rules"><action>OSDSetDynamicVariables.exe</action><defaultVarList><variable name="Rules" property="Rules" hidden="true">"#
            + rules.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            + #"</variable></defaultVarList></step></sequence>"#
        let id = try fixture.service.importPackage(data: Data(xml.utf8), for: fixture.root)
        let step = try fixture.service.topLevelStepIDs(packageID: id, for: fixture.root)[0]
        let read = try #require(try fixture.service.stepSettings(step, packageID: id, for: fixture.root).first { $0.property == "Rules" }?.value)
        #expect(!read.contains("Planted-Rule-31"))
        #expect(read.contains(#"<Variable Name="JoinPassword" IsSecret="true"></Variable>"#))
        let tree = try fixture.service.packageTree(id, for: fixture.root)
        #expect(!(tree.settings[step] ?? []).contains { $0.value.contains("Planted-Rule-31") })
        // A read-modify-write of the rules, with the secret as read (blank), keeps the secret.
        try fixture.service.setStepSettings(["Rules": read.replacingOccurrences(of: ">A<", with: ">B<")], stepID: step, packageID: id, for: fixture.root)
        let stored = try fixture.service.store.read { try SequenceTree.load(packageID: id, in: $0) }
        let storedRules = try #require(stored.steps[0].setting("Rules"))
        #expect(storedRules.contains("Planted-Rule-31"))
        #expect(storedRules.contains(">B<"))
    }

    @Test func onlySuperusersGetInWhileSecurityIsFailClosed() throws {
        let fixture = try ServiceFixture()
        let id = try fixture.service.createPackage(PackageProperties(), for: fixture.root)
        let refused = ProviderError.accessDenied(right: "superuser", object: "org.tsprovider.Provider1 (only administrators may use the provider)")
        #expect(throws: refused) { try fixture.service.packageIDs(for: fixture.stranger) }
        #expect(throws: refused) { try fixture.service.sequenceXML(packageID: id, for: fixture.stranger) }
        #expect(throws: refused) { try fixture.service.importPackage(data: Data("<sequence/>".utf8), for: fixture.stranger) }
        do {
            try fixture.service.deletePackage(id, for: fixture.stranger)
        } catch let error as ProviderError {
            #expect(error == refused)
        }
        #expect(try fixture.service.packageIDs(for: fixture.root) == [id])
    }
}

import Foundation
import Testing
import ProviderCore
import ProviderStore
import TaskSequenceModel
import TaskSequenceXML
import TestSupport

/// Issue 12 items 2 and 3: every package property is kept, and object.xml and zip exports
/// bring the whole package back.
@Suite struct WholePackageTests {
    static let hpia = WholePackageFixture.baseName
    static let pngIcon = WholePackageFixture.pngIcon

    static func enrichedObjectXML() throws -> Data {
        try WholePackageFixture.objectXML()
    }

    /// The properties with what the importing site assigns (PackageID, SourceVersion,
    /// SourceDate, SourceSite) and the DANGLING_REF flag (which depends on the site) cleared.
    static func portable(_ properties: PackageProperties) -> PackageProperties {
        var properties = properties
        properties.packageID = ""
        properties.sourceVersion = 0
        properties.sourceDate = 0
        properties.sourceSite = ""
        properties.taskSequenceFlags = 0
        return properties
    }

    @Test func anObjectXMLExportOfAnImportedObjectXMLCarriesEveryPackageProperty() throws {
        let fixture = try ServiceFixture()
        let input = try Self.enrichedObjectXML()
        let file = try TaskSequenceReader().document(from: input).package
        #expect(file.icon == Self.pngIcon && file.iconSize == 58_368)
        #expect(file.supportedOperatingSystems == [OperatingSystemDetails(maxVersion: "10.00.99999.9999", minVersion: "10.00.0000.0", name: "Win NT", platform: "x64")])
        #expect(file.value(of: "SecuredScopeNames") == .texts(["Default"]))
        #expect(file.value(of: "SedoObjectVersion") != .text(""))

        let id = try fixture.service.importPackage(data: input, for: fixture.root)
        let imported = try fixture.service.package(id, for: fixture.root)
        // Everything the file says, References (Program * included) recomputed to the same list.
        #expect(Self.portable(imported) == Self.portable(file))
        #expect(imported.references.allSatisfy { $0.program == "*" } && imported.references.count == 3)

        let exported = try fixture.service.export(packageID: id, format: .object, for: fixture.root)
        #expect(exported.hasPrefix("<INSTANCE CLASSNAME=\"SMS_TaskSequencePackage\">"))
        #expect(exported.contains("<![CDATA[<sequence"))
        let reread = try TaskSequenceReader().document(fromXML: exported)
        #expect(reread.format == .objectXML)
        #expect(Self.portable(reread.package) == Self.portable(imported))
        #expect(reread.package.packageID == id && reread.package.icon == Self.pngIcon)

        let again = try fixture.service.importPackage(data: Data(exported.utf8), for: fixture.root)
        #expect(Self.portable(try fixture.service.package(again, for: fixture.root)) == Self.portable(imported))
        let sequence = try fixture.service.sequenceXML(packageID: id, for: fixture.root)
        #expect(try XMLEquivalence.firstDifference(between: sequence, and: fixture.service.sequenceXML(packageID: again, for: fixture.root)) == nil)
    }

    @Test func everyCorpusObjectXMLSurvivesAnObjectXMLRoundTrip() throws {
        let fixture = try ServiceFixture()
        #expect(Fixtures.objectXMLNames.count >= 10)
        for name in Fixtures.objectXMLNames {
            let file = try TaskSequenceReader().document(from: Fixtures.data(name)).package
            let id = try fixture.service.importPackage(data: Fixtures.data(name), for: fixture.root)
            let exported = try fixture.service.export(packageID: id, format: .object, for: fixture.root)
            var reread = try TaskSequenceReader().document(fromXML: exported).package
            var expected = file
            // References are what the sequence references (SetSequence recomputes them); some
            // exports carry a stale list.
            #expect(reread.references == (try fixture.service.package(id, for: fixture.root)).references)
            (reread.references, expected.references) = ([], [])
            #expect(Self.portable(reread) == Self.portable(expected), "\(name)")
        }
    }

    @Test func aZipExportReimportsToTheSamePackage() throws {
        let fixture = try ServiceFixture()
        let first = try fixture.service.importPackage(data: Self.enrichedObjectXML(), for: fixture.root)
        let second = try fixture.service.importPackage(data: Fixtures.data(Self.hpia), name: "Second", for: fixture.root)
        let zip = try fixture.service.exportData(packageIDs: [first, second, first], format: .zip, for: fixture.root)
        let documents = try TaskSequenceReader().documents(from: zip)
        #expect(documents.map(\.archiveMember) == ["SMS_TaskSequencePackage/\(first)/object.xml", "SMS_TaskSequencePackage/\(second)/object.xml"])

        let back = try fixture.service.importPackage(data: zip, sourcePackageID: first, for: fixture.root)
        let original = try fixture.service.package(first, for: fixture.root)
        #expect(Self.portable(try fixture.service.package(back, for: fixture.root)) == Self.portable(original))
        // zip → import → zip: the same package again.
        let rezipped = try fixture.service.exportData(packageIDs: [back], format: .zip, for: fixture.root)
        let rezippedPackage = try #require(TaskSequenceReader().documents(from: rezipped).first).package
        #expect(Self.portable(rezippedPackage) == Self.portable(original))
    }

    @Test func secretsAreBlankInObjectAndZipExports() throws {
        let fixture = try ServiceFixture()
        let id = try fixture.service.createPackage(PackageProperties(), for: fixture.root)
        let xml = #"<sequence version="3.10"><step type="SMS_TaskSequence_RunCommandLineAction" name="As user"><action>smsswd.exe /run: whoami</action><defaultVarList><variable name="CommandLine" property="CommandLine" hidden="true">whoami</variable><variable name="SMSTSRunCommandLineUserName" property="UserName">corp\svc</variable><variable name="SMSTSRunCommandLineUserPassword" property="UserPassword">s3cret!</variable></defaultVarList></step></sequence>"#
        _ = try fixture.service.setSequence(packageID: id, xml: xml, expectedSourceVersion: 0, for: fixture.root)
        let object = try fixture.service.export(packageID: id, format: .object, for: fixture.root)
        let zip = try fixture.service.exportData(packageIDs: [id], format: .zip, for: fixture.root)
        #expect(!object.contains("s3cret!"))
        for sequence in [try TaskSequenceReader().document(fromXML: object).sequence, try #require(TaskSequenceReader().documents(from: zip).first).sequence] {
            #expect(sequence.steps.first?.setting("UserPassword") == "")
            #expect(sequence.steps.first?.setting("UserName") == "corp\\svc")
        }
    }

    @Test func exportDataRefusesWhatItCannotWrite() throws {
        let fixture = try ServiceFixture()
        let id = try fixture.service.createPackage(PackageProperties(), for: fixture.root)
        #expect(throws: ProviderError.invalidArgument(name: "format", problem: "zip is binary; ask ExportData for it")) {
            try fixture.service.export(packageID: id, format: .zip, for: fixture.root)
        }
        #expect(throws: ProviderError.invalidArgument(name: "packages", problem: "object holds one package, 2 given; use zip for several")) {
            try fixture.service.exportData(packageIDs: [id, id], format: .object, for: fixture.root)
        }
        #expect(throws: ProviderError.notFound(object: ObjectReference.package("TST0FFFF").relativePath)) {
            try fixture.service.exportData(packageIDs: [id, "TST0FFFF"], format: .zip, for: fixture.root)
        }
    }

    @Test func enableAndDisableToggleTsEnabledAndTheDisabledBit() throws {
        let fixture = try ServiceFixture()
        let id = try fixture.service.createPackage(PackageProperties(), for: fixture.root)
        #expect(try fixture.service.package(id, for: fixture.root).isEnabled)
        #expect(try fixture.service.setPackageEnabled(id, false, for: fixture.root) == ["ProgramFlags", "TsEnabled"])
        let disabled = try fixture.service.package(id, for: fixture.root)
        #expect(!disabled.isEnabled && disabled.programFlags == PackageProperties.defaultProgramFlags | 0x1000)
        #expect(try fixture.service.setPackageEnabled(id, false, for: fixture.root).isEmpty)
        #expect(try fixture.service.execQuery("SELECT PackageID FROM SMS_TaskSequencePackage WHERE TsEnabled = FALSE", for: fixture.root).count == 1)
        try fixture.service.setPackageEnabled(id, true, for: fixture.root)
        let enabled = try fixture.service.package(id, for: fixture.root)
        #expect(enabled.isEnabled && enabled.programFlags == PackageProperties.defaultProgramFlags)
    }

    /// Every property a client may write (the contract's one list) is accepted by its WMI
    /// name, from text, and read back as written; those kept by name keep their CIM type's rule.
    @Test func everyContractPropertyIsWritableByName() throws {
        let fixture = try ServiceFixture()
        let id = try fixture.service.createPackage(PackageProperties(), for: fixture.root)
        let values: [PackageProperty: String] = [.priority: "1", .pkgFlags: "16777216", .tsEnabled: "FALSE"]
        let changed = try fixture.service.updatePackage(id, for: fixture.root) { package in
            for (property, text) in values { #expect(package.setProperty(named: property.rawValue, to: text) == .assigned) }
        }
        #expect(Set(changed) == ["Priority", "PkgFlags", "TsEnabled"])
        let read = try fixture.service.package(id, for: fixture.root)
        for (property, text) in values { #expect(property.text(in: read) == text, "\(property)") }
        #expect(Set(PackageProperty.allCases.filter(\.isKeptByName)) == [.priority, .pkgFlags, .tsEnabled])
        var probe = PackageProperties()
        #expect(probe.setProperty(named: "PkgFlags", to: "many") == .notANumber)
        #expect(probe.setProperty(named: "TsEnabled", to: "perhaps") == .notANumber)
    }

    @Test func writableRulesFollowTheReference() throws {
        let fixture = try ServiceFixture()
        let id = try fixture.service.createPackage(PackageProperties(), for: fixture.root)
        let changed = try fixture.service.updatePackage(id, for: fixture.root) {
            $0.setValue(.number(3), of: "Priority")
            $0.icon = Self.pngIcon
        }
        #expect(changed == ["Icon", "Priority"])
        let read = try fixture.service.package(id, for: fixture.root)
        #expect(read.iconSize == UInt32(Self.pngIcon.count) && read.value(of: "Priority") == .number(3))
        // Read-only properties (reference §2.2) are refused and named.
        let writable = (PackageProperty.ownFields.map(\.rawValue) + ProviderService.writableExtendedProperties.map(\.name)).joined(separator: ", ")
        #expect(throws: ProviderError.readOnly(property: "SecuredScopeNames (writable: \(writable))")) {
            try fixture.service.updatePackage(id, for: fixture.root) { $0.setValue(.texts(["Other"]), of: "SecuredScopeNames") }
        }
        #expect(throws: ProviderError.readOnly(property: "SedoObjectVersion (writable: \(writable))")) {
            try fixture.service.updatePackage(id, for: fixture.root) { $0.setValue(.text("X"), of: "SedoObjectVersion") }
        }
        #expect(throws: ProviderError.validationFailed(property: "ShareType", rule: "must be 1 (SHARE_COMMON) or 2 (SHARE_SPECIFIC), got 3")) {
            try fixture.service.updatePackage(id, for: fixture.root) { $0.setValue(.number(3), of: "ShareType") }
        }
        #expect(throws: ProviderError.validationFailed(property: "SupportedOperatingSystems", rule: "every platform needs a Platform (e.g. I386, x64); 'Win NT' has none")) {
            try fixture.service.updatePackage(id, for: fixture.root) {
                $0.supportedOperatingSystems = [OperatingSystemDetails(maxVersion: "", minVersion: "", name: "Win NT", platform: "")]
            }
        }
        // A refused change changes nothing.
        #expect(try fixture.service.package(id, for: fixture.root) == read)
    }

    @Test func getClassAndWQLKnowTheNewProperties() throws {
        let fixture = try ServiceFixture()
        let schema = try fixture.service.classSchema("SMS_TaskSequencePackage", for: fixture.root)
        for name in ["Icon", "SupportedOperatingSystems", "TsEnabled", "SecuredScopeNames", "SedoObjectVersion", "PkgFlags", "Priority", "SourceSize", "LocalizedCategoryInstanceNames"] {
            #expect(schema.property(name) != nil, "\(name)")
        }
        #expect(schema.property("SedoObjectVersion")?.isReadOnly == true)
        let id = try fixture.service.importPackage(data: Self.enrichedObjectXML(), for: fixture.root)
        _ = try fixture.service.createPackage(PackageProperties(), for: fixture.root)
        let rows = try fixture.service.execQuery("SELECT PackageID, Priority, PkgFlags, SedoObjectVersion FROM SMS_TaskSequencePackage WHERE PkgFlags = 16777216 AND Priority < 2", for: fixture.root)
        #expect(rows.map(\.reference) == [.package(id)])
        let row = try #require(rows.first)
        #expect(row.properties.map(\.name) == ["PackageID", "Priority", "PkgFlags", "SedoObjectVersion"])
        #expect(row.properties.map(\.value)[1...2] == [.uint32(1), .uint32(16_777_216)])
        #expect(try fixture.service.execQuery("SELECT * FROM SMS_TaskSequencePackage WHERE SedoObjectVersion LIKE '%-%'", for: fixture.root).count == 1)
    }
}

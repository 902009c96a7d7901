import TestSupport
import Foundation
import Testing
import TaskSequenceModel
import TaskSequenceXML

/// The container formats: 2007 wrapper, object.xml and zip exports.
@Suite struct ContainerTests {
    let reader = TaskSequenceReader()
    static let bitLocker = "DeploymentResearch__DRFiles__Scripts__TaskSequences__TS-BitLocker.zip__SMS_TaskSequencePackage__PS100294__object.xml"
    static let cloudOSD = "gwblok__garytown__OSD__CloudOSD__OSDCloudTaskSequence.zip__SMS_TaskSequencePackage__MEM000F8__object.xml"

    // MARK: object.xml

    @Test func objectXMLCarriesThePackageProperties() throws {
        let document = try reader.document(from: Fixtures.data(Self.bitLocker))
        #expect(document.format == .objectXML)
        #expect(document.archiveMember == nil)
        let package = document.package
        #expect(package.packageID == "PS100294")
        #expect(package.name == "Child TS - BitLocker")
        #expect(package.description == "")
        #expect(package.duration == 360)
        #expect(package.programFlags == 152_084_496)
        #expect(package.sourceSite == "PS1")
        #expect(package.sourceVersion == 1)
        #expect(package.packageType == 4)
        #expect(package.sourceDate == 1_512_620_504)  // 20171207042144.000000+000
        #expect(package.lastRefreshTime == 1_522_275_189)  // 20180328221309.000000+000
        #expect(document.sequence.schemaVersion == "3.10")
        #expect(document.sequence.steps.first?.name == "BitLocker")
    }

    @Test func objectXMLReferencesAreRead() throws {
        let package = try reader.document(from: Fixtures.data(Self.cloudOSD)).package
        #expect(!package.references.isEmpty)
        #expect(package.references.first == PackageReference(package: "MEM00003", program: "*"))
    }

    @Test func anObjectXMLOfAnotherClassIsRefused() {
        let xml = #"<INSTANCE CLASSNAME="SMS_Package"><PROPERTY NAME="PackageID" TYPE="string"><VALUE>PS100003</VALUE></PROPERTY></INSTANCE>"#
        #expect {
            try reader.document(fromXML: xml)
        } throws: { error in
            guard case XMLCodecError.unsupportedContainer(let reason) = error else { return false }
            return reason.contains("SMS_Package") && reason.contains("expected SMS_TaskSequencePackage")
        }
    }

    @Test func anObjectXMLWithoutSequenceIsRefused() {
        let xml = #"<INSTANCE CLASSNAME="SMS_TaskSequencePackage"><PROPERTY NAME="Name" TYPE="string"><VALUE>X</VALUE></PROPERTY></INSTANCE>"#
        #expect(throws: XMLCodecError.self) { try reader.document(fromXML: xml) }
    }

    @Test func aBrokenEmbeddedSequenceIsReportedAtTheContainersLine() {
        let xml = """
            <INSTANCE CLASSNAME="SMS_TaskSequencePackage">
              <PROPERTY NAME="PackageID" TYPE="string"><VALUE>PS100001</VALUE></PROPERTY>
              <PROPERTY NAME="Sequence" TYPE="string">
                <VALUE><![CDATA[<sequence version="3.10">
            <group name="A">
            </sequence>
            ]]></VALUE>
              </PROPERTY>
            </INSTANCE>
            """
        #expect {
            try reader.document(fromXML: xml)
        } throws: { error in
            // The inner document breaks on its line 3, which is line 6 of the container.
            guard case XMLCodecError.malformed(let line, _, let message) = error else { return false }
            return line == 6 && message.contains("embedded at line 4")
        }
    }

    @Test func anEscapedSequenceValueIsReadToo() throws {
        let xml = """
            <INSTANCE CLASSNAME="SMS_TaskSequencePackage"><PROPERTY NAME="Sequence" TYPE="string">\
            <VALUE>&lt;sequence version="3.10"&gt;&lt;group name="Escaped" description=""/&gt;&lt;/sequence&gt;</VALUE>\
            </PROPERTY></INSTANCE>
            """
        let document = try reader.document(fromXML: xml)
        #expect(document.sequence.steps.map(\.name) == ["Escaped"])
    }

    /// Indentation between an INSTANCE's elements is dropped as it is parsed; a VALUE's text is
    /// its whole text, blanks beside CDATA and elements included.
    @Test func aValueKeepsItsBlanksWhileTheIndentationGoes() throws {
        let xml = """
            <INSTANCE CLASSNAME="SMS_TaskSequencePackage">
              <PROPERTY NAME="Name" TYPE="string">
                <VALUE>  <![CDATA[Spaced]]>  </VALUE>
              </PROPERTY>
              <!-- a comment -->
              <PROPERTY NAME="Description" TYPE="string"><VALUE>  <x/>  kept</VALUE></PROPERTY>
              <PROPERTY NAME="Sequence" TYPE="string">
                <VALUE><![CDATA[<sequence version="3.10">
                  <group name="Indented" description=""/>
                </sequence>]]></VALUE>
              </PROPERTY>
            </INSTANCE>
            """
        let document = try reader.document(fromXML: xml)
        #expect(document.package.name == "  Spaced  ")
        #expect(document.package.description == "    kept")
        #expect(document.sequence.steps.map(\.name) == ["Indented"])
    }

    // MARK: 2007 wrapper

    @Test func the2007WrapperFromTheReferenceIsRead() throws {
        let xml = """
            <?xml version="1.0"?>
            <SmsTaskSequencePackage xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
              <BootImageID>ABC00005</BootImageID>
              <Category />
              <DependentProgram />
              <Description />
              <Duration>360</Duration>
              <Name>Deploy Vista</Name>
              <ProgramFlags>152084496</ProgramFlags>
              <SequenceData><sequence version="3.00"><group name="Install" description=""/></sequence></SequenceData>
              <SourceDate>2007-07-17T18:21:22</SourceDate>
              <SupportedOperatingSystems />
              <IconSize>0</IconSize>
            </SmsTaskSequencePackage>
            """
        let document = try reader.document(fromXML: xml)
        #expect(document.format == .package2007)
        #expect(document.package.bootImageID == "ABC00005")
        #expect(document.package.category == "")
        #expect(document.package.duration == 360)
        #expect(document.package.name == "Deploy Vista")
        #expect(document.package.programFlags == 152_084_496)
        #expect(document.package.sourceDate == 1_184_696_482)
        #expect(document.sequence.schemaVersion == "3.00")
        #expect(document.sequence.steps.map(\.name) == ["Install"])
    }

    @Test func the2007WrapperAcceptsTheSequenceAsEscapedText() throws {
        let xml = """
            <SmsTaskSequencePackage><Name>Text</Name>\
            <SequenceData>&lt;sequence version="3.00"&gt;&lt;group name="A"/&gt;&lt;/sequence&gt;</SequenceData>\
            </SmsTaskSequencePackage>
            """
        let document = try reader.document(fromXML: xml)
        #expect(document.package.name == "Text")
        #expect(document.sequence.steps.map(\.name) == ["A"])
    }

    @Test(arguments: TaskSequenceWriter.Layout.allCases)
    func aWrapperWrittenFromAnObjectXMLReadsBack(layout: TaskSequenceWriter.Layout) throws {
        let original = try reader.document(from: Fixtures.data(Self.bitLocker))
        let xml = try TaskSequenceWriter(layout: layout).packageXML(original.sequence, properties: original.package)
        let reread = try reader.document(fromXML: xml)
        #expect(reread.format == .package2007)
        #expect(reread.sequence == original.sequence)
        // The properties the 2007 format carries survive; it has no PackageID.
        var expected = PackageProperties()
        expected.name = original.package.name
        expected.description = original.package.description
        expected.bootImageID = original.package.bootImageID
        expected.category = original.package.category
        expected.dependentProgram = original.package.dependentProgram
        expected.duration = original.package.duration
        expected.programFlags = original.package.programFlags
        expected.sourceDate = original.package.sourceDate
        expected.iconSize = original.package.iconSize
        // Written beyond what the 2007 console wrote, so that they survive (issue 12).
        expected.customProgressMessage = original.package.customProgressMessage
        expected.lastRefreshTime = original.package.lastRefreshTime
        #expect(reread.package == expected)
        // Its sequence is the same XML as the sequence ConfigMgr exported.
        let sequenceXML = try TaskSequenceWriter().sequenceXML(reread.sequence)
        #expect(try XMLEquivalence.firstDifference(between: Fixtures.derivedSequence(for: Self.bitLocker), and: Data(sequenceXML.utf8)) == nil)
    }

    @Test func theWrapperKeepsTheChildOrderOfTheReference() throws {
        var properties = PackageProperties()
        properties.name = "Ordered"
        let xml = try TaskSequenceWriter().packageXML(TaskSequence(schemaVersion: "3.00"), properties: properties)
        let names = xml.split(separator: "\n").compactMap { line -> String? in
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix("<"), !trimmed.hasPrefix("</"), !trimmed.hasPrefix("<?") else { return nil }
            return String(trimmed.dropFirst().prefix { $0.isLetter })
        }
        #expect(names == [
            "SmsTaskSequencePackage", "BootImageID", "Category", "DependentProgram", "Description", "Duration", "Name",
            "ProgramFlags", "SequenceData", "SourceDate", "SupportedOperatingSystems", "IconSize",
        ])
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<SmsTaskSequencePackage xmlns:xsi="))
        #expect(xml.contains("<SequenceData><sequence version=\"3.00\"/></SequenceData>"))
    }

    // MARK: zip exports

    @Test func aZipExportIsRead() throws {
        let documents = try reader.documents(from: Fixtures.data("export-single.zip", in: Fixtures.containers))
        #expect(documents.count == 1)  // the SMS_Package dependency is not a task sequence
        let document = try #require(documents.first)
        #expect(document.format == .zip)
        #expect(document.package.packageID == "PS100294")
        #expect(document.archiveMember == "SMS_TaskSequencePackage/PS100294/object.xml")
        #expect(document.sequence == (try reader.document(from: Fixtures.data(Self.bitLocker))).sequence)
    }

    @Test func backslashesInMemberPathsAreSeparators() throws {
        let document = try reader.document(from: Fixtures.data("export-backslashes.zip", in: Fixtures.containers))
        #expect(document.package.packageID == "PS100294")
        #expect(document.format == .zip)
    }

    @Test func zipsInsideZipsAreRead() throws {
        let documents = try reader.documents(from: Fixtures.data("export-nested.zip", in: Fixtures.containers))
        #expect(documents.map(\.package.packageID) == ["PS100157", "PS100158"])
        #expect(documents.map(\.archiveMember) == [
            "Modules/Phase 1 bundle.zip/Module- Phase 1.zip/SMS_TaskSequencePackage/PS100157/object.xml",
            "Module- Phase 2.zip/SMS_TaskSequencePackage/PS100158/object.xml",
        ])
        #expect(documents.allSatisfy { $0.format == .zip })
    }

    @Test func aZipWithSeveralPackagesNeedsAChoice() throws {
        let data = try Fixtures.data("export-several.zip", in: Fixtures.containers)
        #expect(try reader.documents(from: data).map(\.package.packageID) == ["PS100294", "PS10026F"])
        #expect(throws: XMLCodecError.severalPackages(["PS100294", "PS10026F"])) { try reader.document(from: data) }
        #expect(try reader.document(from: data, packageID: "ps10026f").package.name == "Module - Modern BIOS Management")
        #expect(throws: XMLCodecError.packageNotFound("PS999999", available: ["PS100294", "PS10026F"])) {
            try reader.document(from: data, packageID: "PS999999")
        }
    }

    @Test func aZipWithoutPackagesIsRefused() throws {
        let data = try Fixtures.data("no-package.zip", in: Fixtures.containers)
        #expect {
            try reader.documents(from: data)
        } throws: { error in
            guard case XMLCodecError.invalidArchive(let reason) = error else { return false }
            return reason.contains("SMS_TaskSequencePackage/<PackageID>/object.xml")
        }
    }

    @Test func aMemberOverTheSizeLimitIsNotInflated() throws {
        let data = try Fixtures.data("export-single.zip", in: Fixtures.containers)
        let small = TaskSequenceReader(limits: XMLLimits(maximumBytes: 8192))
        #expect {
            try small.documents(from: data)
        } throws: { error in
            guard case XMLCodecError.inArchiveMember(let member, .tooLarge(limit: 8192, _)) = error else { return false }
            return member == "SMS_TaskSequencePackage/PS100294/object.xml"
        }
    }

    @Test func zipsNestedTooDeeplyAreRefused() throws {
        let data = try Fixtures.data("export-nested.zip", in: Fixtures.containers)
        let shallow = TaskSequenceReader(limits: XMLLimits(maximumArchiveNesting: 1))
        #expect {
            try shallow.documents(from: data)
        } throws: { error in
            guard let error = error as? XMLCodecError, case .invalidArchive(let reason) = error.rootCause else { return false }
            return reason.contains("nested more than 1")
        }
    }

    @Test func aDamagedZipIsRefused() {
        let data = Data([0x50, 0x4B, 0x03, 0x04] + Array(repeating: 0xA5, count: 200))
        #expect {
            try reader.documents(from: data)
        } throws: { error in
            if case XMLCodecError.invalidArchive = error { true } else { false }
        }
    }
}

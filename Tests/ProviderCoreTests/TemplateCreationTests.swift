import Foundation
import GRDB
import Testing
import ProviderCore
import ProviderStore
import TaskSequenceModel
import TaskSequenceXML
import TestSupport

/// CreateFromTemplate in the service: stored like an import (derived facts, rights, revision),
/// refused whole when a parameter is wrong, secrets kept but never read back.
@Suite struct TemplateCreationTests {
    static let secrets = ["Adm1n-S3cret", "J0in-S3cret", "Capt-S3cret", "NPPR9-FWDCX-D2C8J-H872K-2YT43"]

    static let buildAndCapture: [String: TemplateValue] = [
        "Name": .text("Windows 11 reference"), "Description": .text("Built by the wizard's template"),
        "BootImage": .text("TST00A01"), "Image": .text("TST00A02:3"), "ProductKey": .text("NPPR9-FWDCX-D2C8J-H872K-2YT43"),
        "AdminPassword": .text("Adm1n-S3cret"), "Domain": .text("corp.example.com"), "JoinAccount": .text("CORP\\svc-join"),
        "JoinPassword": .text("J0in-S3cret"), "ClientPackage": .text("TST00A03"), "ClientProperties": .text("SMSMP=cm01"),
        "Updates": .text("all"), "Install": .list(["TST00A04:Install Office"]), "CapturePath": .text("\\\\cm01\\cap\\w11.wim"),
        "CaptureAccount": .text("CORP\\svc-cap"), "CapturePassword": .text("Capt-S3cret"),
    ]

    func addSitePackages(_ fixture: ServiceFixture, _ ids: [String]) throws {
        for id in ids { _ = try fixture.service.createSMSPackage(.init(packageID: id, name: "pkg \(id)"), for: fixture.root) }
    }

    @Test func aTemplatePackageCarriesTheDerivedFactsOfAnImport() throws {
        let fixture = try ServiceFixture()
        try addSitePackages(fixture, ["TST00A01", "TST00A02", "TST00A03", "TST00A04"])
        let id = try fixture.service.createPackage(fromTemplate: "build-and-capture", parameters: Self.buildAndCapture, for: fixture.root)
        let properties = try fixture.service.package(id, for: fixture.root)
        #expect(properties.name == "Windows 11 reference" && properties.description == "Built by the wizard's template")
        #expect(properties.bootImageID == "TST00A01")
        #expect(properties.packageType == 4 && properties.sourceVersion == 1)
        #expect(Set(properties.references.map(\.package)) == ["TST00A01", "TST00A02", "TST00A03", "TST00A04"])
        // Type 2: the sequence deploys an operating system.
        #expect(properties.type == 2)
        #expect(properties.taskSequenceFlags & PackageProperties.danglingReferenceFlag == 0)

        // The same sequence through Import gives the same facts.
        let exported = try fixture.service.export(packageID: id, format: .package, for: fixture.root)
        let imported = try fixture.service.package(try fixture.service.importPackage(data: Data(exported.utf8), for: fixture.root), for: fixture.root)
        #expect(imported.references == properties.references && imported.type == properties.type)
    }

    @Test func referencesTheSiteLacksAreFlaggedDanglingAsOnImport() throws {
        let fixture = try ServiceFixture()
        try addSitePackages(fixture, ["TST00A01", "TST00A02", "TST00A03"])
        let id = try fixture.service.createPackage(fromTemplate: "build-and-capture", parameters: Self.buildAndCapture, for: fixture.root)
        #expect(try fixture.service.package(id, for: fixture.root).taskSequenceFlags & PackageProperties.danglingReferenceFlag != 0)
        try addSitePackages(fixture, ["TST00A04"])
        #expect(try fixture.service.package(id, for: fixture.root).taskSequenceFlags & PackageProperties.danglingReferenceFlag == 0)
    }

    @Test func secretsAreStoredButNeverReadBack() throws {
        let fixture = try ServiceFixture()
        let id = try fixture.service.createPackage(fromTemplate: "build-and-capture", parameters: Self.buildAndCapture, for: fixture.root)
        var replies = [
            try fixture.service.sequenceXML(packageID: id, for: fixture.root),
            try fixture.service.export(packageID: id, format: .package, for: fixture.root),
            try fixture.service.export(packageID: id, format: .sequence, for: fixture.root),
        ]
        for stepID in try allStepIDs(fixture, id) {
            replies += try fixture.service.stepSettings(stepID, packageID: id, for: fixture.root).map { "\($0.property)=\($0.value)" }
        }
        for row in try fixture.service.execQuery("SELECT * FROM SMS_TaskSequence_Action", for: fixture.root) {
            replies.append(String(describing: row))
        }
        for secret in Self.secrets {
            #expect(!replies.contains { $0.contains(secret) }, "\(secret) was read back")
        }
        // Stored all the same: the storage form keeps them, and a SetSequence of the blanked
        // export keeps them too.
        let stored = try TaskSequenceWriter(form: .storage).sequenceXML(try storedSequence(fixture, id))
        for secret in Self.secrets { #expect(stored.contains(secret), "\(secret) was not stored") }
    }

    @Test func refusesWithTheParameterAtFaultAndChangesNothing() throws {
        let fixture = try ServiceFixture()
        var values = Self.buildAndCapture
        values["Workgroup"] = .text("LAB")
        #expect(throws: ProviderError.invalidArgument(name: "Domain", problem: "Domain and Workgroup cannot both be given: a computer joins either a domain or a workgroup")) {
            try fixture.service.createPackage(fromTemplate: "build-and-capture", parameters: values, for: fixture.root)
        }
        values = Self.buildAndCapture
        values["CapturePath"] = nil
        #expect(throws: ProviderError.invalidArgument(name: "CapturePath", problem: "CapturePath is required: the network path of the image file to write, \\\\server\\share\\file.wim (an existing file is overwritten)")) {
            try fixture.service.createPackage(fromTemplate: "build-and-capture", parameters: values, for: fixture.root)
        }
        #expect(throws: ProviderError.invalidArgument(name: "template", problem: "no template 'upgrade'; known: install-image, build-and-capture, custom")) {
            try fixture.service.createPackage(fromTemplate: "upgrade", parameters: ["Name": .text("x")], for: fixture.root)
        }
        #expect(try fixture.service.packageIDs(for: fixture.root).isEmpty)
    }

    @Test func creatingNeedsCreateAndTheCreatorGetsReadModifyDelete() throws {
        let fixture = try ServiceFixture(policy: PermissionPolicy(superusers: Superusers(admins: [], uids: [0])), knownPrincipals: ["alice"])
        let alice = Caller(uid: 2001, groupIDs: [2001], userName: "alice", groupNames: ["alice"])
        let custom: [String: TemplateValue] = ["Name": .text("Blank"), "BootImage": .text("TST00A01")]
        #expect(throws: ProviderError.accessDenied(right: "Create", object: "SMS_TaskSequencePackage")) {
            try fixture.service.createPackage(fromTemplate: "custom", parameters: custom, for: alice)
        }
        _ = try fixture.service.setPermission(PermissionEntry(userName: "alice", objectKey: 20, instanceKey: nil, rights: [.create]), for: fixture.root)
        let id = try fixture.service.createPackage(fromTemplate: "custom", parameters: custom, for: alice)
        let rights = try fixture.service.rights(onTarget: ObjectReference.package(id).relativePath, for: alice)
        #expect(rights.isSuperset(of: [.read, .modify, .delete]))
        let properties = try fixture.service.package(id, for: alice)
        #expect(properties.bootImageID == "TST00A01" && properties.taskSequenceFlags & PackageProperties.danglingReferenceFlag != 0)
        let xml = try fixture.service.sequenceXML(packageID: id, for: alice)
        #expect(xml.contains("version=\"3.10\"") && !xml.contains("<step") && !xml.contains("<group"))
    }

    /// The corpus's "Windows10 - Build and Capture" was made by the wizard and then edited by
    /// its author. Its groups and its steps' names and classes, less the author's additions,
    /// are what the template writes:
    /// - "Error timeout" (Set Task Sequence Variable SMSTSErrorDialogTimeout), "Set PS Execution
    ///   policy" and "Prepare the drive" (Run Command Line, a PowerShell that initialises a raw
    ///   disk) are the author's: the wizard writes no Set Variable or Run Command Line step, and
    ///   the documentation's table of the wizard's steps has none of them.
    /// - "Partition Disk 0" is the wizard's BIOS step ("Partition Disk 0 - BIOS": its condition is
    ///   the BIOS one, `_SMSTSBootUEFI` not true, on an MBR layout), renamed by the author, who
    ///   removed the UEFI step and prepares the disk as MBR in "Prepare the drive".
    /// - No Install Updates, Install Package or Join Workgroup: the author chose no updates, no
    ///   packages and a workgroup (NetworkJoinType 1), so the wizard wrote none.
    @Test func theCorpusWizardSequenceLessItsAuthorsAdditionsIsWhatTheTemplateWrites() throws {
        let name = try #require(Fixtures.realWorldNames.first { $0.contains("Windows10_-_Build_and_Capture") })
        let corpus = try TaskSequenceReader().document(from: try Fixtures.data(name)).sequence
        let authorsAdditions: Set = ["Error timeout", "Set PS Execution policy", "Prepare the drive"]
        let renamedByAuthor = ["Partition Disk 0": "Partition Disk 0 - BIOS"]
        let removedByAuthor: Set = ["Partition Disk 0 - UEFI"]

        let corpusShape = corpus.steps.map { group in
            (group.name, group.className, group.steps.filter { !authorsAdditions.contains($0.name) }.map { (renamedByAuthor[$0.name] ?? $0.name, $0.className) })
        }
        let template = try SequenceTemplate.named("build-and-capture").instantiate([
            "Name": .text("Windows10 - Build and Capture"), "BootImage": .text("SCB00001"), "Image": .text("SCB00026:1"),
            // The author gave an administrator password (RandomAdminPassword false; the export blanked it).
            "AdminPassword": .text("Adm1n-S3cret"), "Workgroup": .text("LAB"), "ClientPackage": .text("SCB00003"), "ClientProperties": .text("SMSMP=SCCB.W2019.LAB DNSSUFFIX=W2019.LAB"),
            "Updates": .text("none"), "TimeZone": .text("AUS Eastern Standard Time"), "RegisteredUser": .text("vadmin"),
            "RegisteredOrganization": .text("SCCB"), "CapturePath": .text("\\\\SCCB\\Source\\OSD\\Captures\\Win10_1903_071719.wim"),
            "CaptureAccount": .text("W2019\\vadmin"), "CapturePassword": .text("Capt-S3cret"), "ImageCreatedBy": .text("vadmin"),
            "ImageDescription": .text("1903 capture"),
        ]).sequence
        let templateShape = template.steps.map { group in
            (group.name, group.className, group.steps.filter { !removedByAuthor.contains($0.name) }.map { ($0.name, $0.className) })
        }
        #expect(templateShape.map(\.0) == corpusShape.map(\.0))
        #expect(templateShape.map(\.1) == corpusShape.map(\.1))
        #expect(templateShape.map { $0.2.map(\.0) } == corpusShape.map { $0.2.map(\.0) })
        #expect(templateShape.map { $0.2.map(\.1) } == corpusShape.map { $0.2.map(\.1) })
        #expect(template.steps.map(\.description) == corpus.steps.map(\.description))

        // The settings the author's answers decide, and the conditions, match step for step.
        let corpusSteps = Dictionary(corpus.allSteps.filter { !$0.isGroup }.map { (renamedByAuthor[$0.name] ?? $0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for step in template.allSteps where !step.isGroup && !removedByAuthor.contains(step.name) {
            let original = try #require(corpusSteps[step.name], "\(step.name)")
            #expect(step.condition?.text == original.condition?.text, "\(step.name) condition")
            #expect(step.supportedEnvironment == original.supportedEnvironment, "\(step.name) runIn")
            #expect(step.continueOnError == original.continueOnError, "\(step.name) continueOnError")
            #expect(step.description == original.description, "\(step.name) description")
        }
        let pairs: [(String, String)] = [
            ("Restart in Windows PE", "Target"), ("Restart in Windows PE", "Message"), ("Restart in Windows PE", "MessageTimeout"),
            ("Partition Disk 0 - BIOS", "DiskIndex"), ("Partition Disk 0 - BIOS", "DiskType"), ("Partition Disk 0 - BIOS", "GPTBootDisk"),
            ("Partition Disk 0 - BIOS", "Partitions0Bootable"), ("Partition Disk 0 - BIOS", "Partitions0QuickFormat"),
            ("Partition Disk 0 - BIOS", "Partitions0AssignVolumeLetter"), ("Partition Disk 0 - BIOS", "Partitions0SizeUnits"),
            ("Apply Operating System", "RunFromNet"), ("Apply Windows Settings", "ServerLicenseConnectionLimit"),
            ("Apply Windows Settings", "ComputerName"), ("Apply Device Drivers", "UnsignedDriver"),
            ("Prepare OS", "BuildStorageDriverList"), ("Capture the Reference Machine", "ImageVersion"), ("Partition Disk 0 - BIOS", "PartitionStyle"), ("Partition Disk 0 - BIOS", "Partitions0FileSystem"),
            ("Partition Disk 0 - BIOS", "Partitions0Size"), ("Partition Disk 0 - BIOS", "Partitions0Type"),
            ("Apply Windows Settings", "TimeZone"), ("Apply Windows Settings", "RegisteredUserName"), ("Apply Windows Settings", "RegisteredOrgName"),
            ("Apply Windows Settings", "RandomAdminPassword"),
            ("Apply Network Settings", "NetworkJoinType"), ("Apply Network Settings", "WorkgroupName"),
            ("Apply Device Drivers", "BestMatch"), ("Setup Windows and Configuration Manager", "ClientPackageID"),
            ("Setup Windows and Configuration Manager", "ClientInstallProperties"), ("Prepare OS", "KeepActivation"),
            ("Capture the Reference Machine", "CaptureDestination"), ("Capture the Reference Machine", "CaptureUsername"),
            ("Capture the Reference Machine", "ImageCreator"), ("Capture the Reference Machine", "ImageDescription"),
        ]
        let templateSteps = Dictionary(template.allSteps.filter { !$0.isGroup }.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
        for (stepName, property) in pairs {
            #expect(templateSteps[stepName]?.setting(property) == corpusSteps[stepName]?.setting(property), "\(stepName).\(property)")
        }
    }

    // MARK: Helpers

    func allStepIDs(_ fixture: ServiceFixture, _ id: String) throws -> [Int64] {
        var ids: [Int64] = []
        var parents: [Int64?] = [nil]
        while let parent = parents.popLast() {
            let children = try fixture.service.childStepIDs(packageID: id, parentID: parent, for: fixture.root)
            ids += children
            parents += children.map { Optional($0) }
        }
        return ids
    }

    func storedSequence(_ fixture: ServiceFixture, _ id: String) throws -> TaskSequence {
        try fixture.service.store.read { db in try SequenceTree.load(packageID: id, in: db) }
    }
}

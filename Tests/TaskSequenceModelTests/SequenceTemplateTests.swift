import Testing
@testable import TaskSequenceModel

/// The templates against the sequences the Create Task Sequence Wizard writes, as the
/// ConfigMgr documentation lists them ("Create a task sequence to install an OS", "Create a task
/// sequence to capture an OS": groups, step names and what each step runs on) with the settings
/// and conditions of the wizard-made build and capture sequence of the corpus.
@Suite struct SequenceTemplateTests {
    /// One line per step: indent by depth, name, class, `!` when Continue on error, and the
    /// condition as text.
    static func outline(_ container: some StepContainer, depth: Int = 0) -> [String] {
        container.steps.flatMap { step -> [String] in
            var line = String(repeating: "  ", count: depth) + "\(step.name) [\(step.className)]"
            if step.continueOnError { line += " !" }
            if let condition = step.condition { line += " if " + condition.text }
            return [line] + outline(step, depth: depth + 1)
        }
    }

    static let deployment = DeploymentParameters(
        bootImage: "PS100001", image: ImageReference(packageID: "PS100002", index: 3),
        productKey: "NPPR9-FWDCX-D2C8J-H872K-2YT43", administratorPassword: "Adm1n-S3cret",
        network: .domain(name: "corp.example.com", organizationalUnit: "OU=Workstations,DC=corp,DC=example,DC=com",
                         account: "CORP\\svc-join", password: "J0in-S3cret"),
        clientPackage: "PS100003", clientProperties: "SMSMP=cm01.corp.example.com",
        updates: .required, installs: [PackageProgram(packageID: "PS100004", program: "Install Office"),
                                       PackageProgram(packageID: "PS100005", program: "Setup")],
        continueOnInstallError: true, timeZone: "W. Europe Standard Time")

    static let capture = CaptureSettings(path: "\\\\cm01\\captures$\\win11.wim", account: "CORP\\svc-capture",
                                         password: "Capt-S3cret", createdBy: "OSD team", version: "1.0", description: "Windows 11 reference")

    // Conditions the wizard writes (documentation tables; expressions as the corpus file has them).
    static let notInWinPE = "_SMSTSInWinPE equals \"false\""
    static let keepDisk = "_SMSTSClientCache notExists AND _SMSTSMediaType notEquals \"OEMMedia\" AND _OSDMigrateUseHardlinks notEquals \"true\""
    static let notFullMedia = "_SMSTSMediaType notEquals \"FullMedia\""

    @Test func buildAndCaptureIsTheWizardsSequence() throws {
        let sequence = try BuildAndCaptureTemplate.sequence(for: BuildAndCaptureParameters(deployment: Self.deployment, capture: Self.capture))
        #expect(Self.outline(sequence) == [
            "Build the Reference Machine [SMS_TaskSequence_Group]",
            "  Restart in Windows PE [SMS_TaskSequence_RebootAction] if \(Self.notInWinPE)",
            "  Partition Disk 0 - BIOS [SMS_TaskSequence_PartitionDiskAction] if \(Self.keepDisk) AND _SMSTSBootUEFI notEquals \"true\"",
            "  Partition Disk 0 - UEFI [SMS_TaskSequence_PartitionDiskAction] if \(Self.keepDisk) AND _SMSTSBootUEFI equals \"true\"",
            "  Apply Operating System [SMS_TaskSequence_ApplyOperatingSystemAction]",
            "  Apply Windows Settings [SMS_TaskSequence_ApplyWindowsSettingsAction]",
            "  Apply Network Settings [SMS_TaskSequence_ApplyNetworkSettingsAction]",
            "  Apply Device Drivers [SMS_TaskSequence_AutoApplyAction] if \(Self.notFullMedia)",
            "  Setup Windows and Configuration Manager [SMS_TaskSequence_SetupWindowsAndSMSAction]",
            "  Install Updates [SMS_TaskSequence_InstallUpdateAction] if \(Self.notFullMedia)",
            "  Install Package 1 [SMS_TaskSequence_InstallSoftwareAction] !",
            "  Install Package 2 [SMS_TaskSequence_InstallSoftwareAction] !",
            "Capture the Reference Machine [SMS_TaskSequence_Group]",
            "  Join Workgroup [SMS_TaskSequence_JoinDomainWorkgroupAction]",
            "  Prepare Configuration Manager Client [SMS_TaskSequence_PrepareSMSClientAction]",
            "  Prepare OS [SMS_TaskSequence_PrepareOSAction]",
            "  Capture the Reference Machine [SMS_TaskSequence_CaptureSystemImageAction]",
        ])
        #expect(sequence.schemaVersion == "3.10")
        #expect(sequence.steps.map(\.description) == ["Actions to build a reference machine", "Actions to prepare and capture the reference machine"])
        #expect(sequence.validate().filter { $0.severity == .error }.isEmpty)

        let steps = Dictionary(sequence.allSteps.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let restart = try #require(steps["Restart in Windows PE"])
        #expect(restart.setting("Target") == "WinPE")
        #expect(restart.actionCommandLine == "smsboot.exe /target:WinPE")
        #expect(restart.supportedEnvironment == "WinPEandFullOS")

        let bios = try #require(steps["Partition Disk 0 - BIOS"])
        #expect(bios.setting("PartitionStyle") == "MBR")
        #expect(bios.setting("Partitions0FileSystem") == "NTFS")
        #expect(bios.setting("Partitions0Size") == "100" && bios.setting("Partitions0SizeUnits") == "Percent")
        #expect(bios.supportedEnvironment == "WinPE")
        let uefi = try #require(steps["Partition Disk 0 - UEFI"])
        #expect(uefi.setting("PartitionStyle") == "GPT")
        #expect((0..<4).map { uefi.setting("Partitions\($0)Type") } == ["EFI", "MSR", "Primary", "Recovery"])
        #expect((0..<4).map { uefi.setting("Partitions\($0)Size") } == ["500", "128", "99", "100"])

        let apply = try #require(steps["Apply Operating System"])
        #expect(apply.setting("ImagePackageID") == "PS100002" && apply.setting("ImageIndex") == "3")
        #expect(apply.actionCommandLine == "OSDApplyOS.exe /image:PS100002,%OSDImageIndex% /runfromnet:False")

        let windows = try #require(steps["Apply Windows Settings"])
        #expect(windows.setting("RandomAdminPassword") == "false")
        #expect(windows.setting("AdminPassword") == "Adm1n-S3cret")
        #expect(windows.setting("ProductKey") == "NPPR9-FWDCX-D2C8J-H872K-2YT43")
        #expect(windows.setting("TimeZone") == "W. Europe Standard Time")

        let network = try #require(steps["Apply Network Settings"])
        #expect(network.setting("NetworkJoinType") == "0")
        #expect(network.setting("DomainName") == "corp.example.com")
        #expect(network.setting("DomainOUName") == "OU=Workstations,DC=corp,DC=example,DC=com")
        #expect(network.setting("DomainUsername") == "CORP\\svc-join")
        #expect(network.setting("DomainPassword") == "J0in-S3cret")
        #expect(network.setting("WorkgroupName") == nil)

        let setup = try #require(steps["Setup Windows and Configuration Manager"])
        #expect(setup.setting("ClientPackageID") == "PS100003")
        #expect(setup.setting("ClientInstallProperties") == "SMSMP=cm01.corp.example.com")
        #expect(steps["Install Updates"]?.setting("Target") == "Mandatory")
        #expect(steps["Install Package 1"]?.setting("PackageID") == "PS100004")
        #expect(steps["Install Package 1"]?.setting("ProgramName") == "Install Office")
        #expect(steps["Join Workgroup"]?.setting("Type") == "1")

        let captureStep = sequence.steps[1].steps[3]
        #expect(captureStep.setting("CaptureDestination") == "\\\\cm01\\captures$\\win11.wim")
        #expect(captureStep.setting("CaptureUsername") == "CORP\\svc-capture")
        #expect(captureStep.setting("CapturePassword") == "Capt-S3cret")
        #expect(captureStep.setting("ImageCreator") == "OSD team")
        #expect(captureStep.setting("ImageVersion") == "1.0")
        #expect(captureStep.supportedEnvironment == "WinPE")
    }

    @Test func aWorkgroupMachineNeedsNoJoinWorkgroupAndSysprepPackageComesBeforePrepareOS() throws {
        var deployment = Self.deployment
        deployment.network = .workgroup("LAB")
        deployment.updates = .none
        deployment.installs = []
        deployment.administratorPassword = nil
        let sequence = try BuildAndCaptureTemplate.sequence(for: BuildAndCaptureParameters(
            deployment: deployment, sysprepPackage: "PS100009", capture: Self.capture))
        #expect(sequence.steps[0].steps.map(\.name).suffix(2) == ["Apply Device Drivers", "Setup Windows and Configuration Manager"])
        #expect(sequence.steps[1].steps.map(\.name) == [
            "Prepare Configuration Manager Client", "Install Sysprep Package", "Prepare OS", "Capture the Reference Machine",
        ])
        #expect(sequence.steps[1].steps[1].setting("SysprepPackageID") == "PS100009")
        let windows = sequence.steps[0].steps[4]
        #expect(windows.setting("RandomAdminPassword") == "true")
        #expect(windows.setting("AdminPassword") == nil)
        let network = sequence.steps[0].steps[5]
        #expect(network.setting("NetworkJoinType") == "1")
        #expect(network.setting("WorkgroupName") == "LAB")
    }

    @Test func installImageIsTheWizardsSequence() throws {
        let sequence = try InstallImageTemplate.sequence(for: InstallImageParameters(deployment: Self.deployment))
        #expect(Self.outline(sequence) == [
            "Install Operating System [SMS_TaskSequence_Group]",
            "  Restart in Windows PE [SMS_TaskSequence_RebootAction] if \(Self.notInWinPE)",
            "  Partition Disk 0 - BIOS [SMS_TaskSequence_PartitionDiskAction] if \(Self.keepDisk) AND _SMSTSBootUEFI notEquals \"true\"",
            "  Partition Disk 0 - UEFI [SMS_TaskSequence_PartitionDiskAction] if \(Self.keepDisk) AND _SMSTSBootUEFI equals \"true\"",
            "  Apply Operating System [SMS_TaskSequence_ApplyOperatingSystemAction]",
            "  Apply Windows Settings [SMS_TaskSequence_ApplyWindowsSettingsAction]",
            "  Apply Network Settings [SMS_TaskSequence_ApplyNetworkSettingsAction]",
            "  Apply Device Drivers [SMS_TaskSequence_AutoApplyAction] if \(Self.notFullMedia)",
            "Setup Operating System [SMS_TaskSequence_Group]",
            "  Setup Windows and Configuration Manager [SMS_TaskSequence_SetupWindowsAndSMSAction]",
            "  Install Updates [SMS_TaskSequence_InstallUpdateAction] if \(Self.notFullMedia)",
            "  Install Package 1 [SMS_TaskSequence_InstallSoftwareAction] !",
            "  Install Package 2 [SMS_TaskSequence_InstallSoftwareAction] !",
        ])
        #expect(sequence.validate().filter { $0.severity == .error }.isEmpty)

        var unpartitioned = InstallImageParameters(deployment: Self.deployment, partitionDisk: false)
        unpartitioned.deployment.updates = .all
        unpartitioned.deployment.continueOnInstallError = false
        let plain = try InstallImageTemplate.sequence(for: unpartitioned)
        #expect(plain.steps[0].steps.map(\.name) == [
            "Restart in Windows PE", "Apply Operating System", "Apply Windows Settings", "Apply Network Settings", "Apply Device Drivers",
        ])
        #expect(plain.steps[1].steps[1].setting("Target") == "All")
        #expect(plain.steps[1].steps.map(\.continueOnError) == [false, false, false, false])
    }

    @Test func installImageWithStateMigrationCapturesFirstAndRestoresLast() throws {
        let migration = StateMigration(userStatePackage: "PS100008", networkSettings: true, windowsSettings: true)
        let sequence = try InstallImageTemplate.sequence(for: InstallImageParameters(deployment: Self.deployment, stateMigration: migration))
        let outline = Self.outline(sequence)
        // The install documentation's example: capture group, its user-state subgroup, then the
        // install and setup groups, then the restore group.
        #expect(Array(outline.prefix(7)) == [
            "Capture File and Settings [SMS_TaskSequence_Group] if \(Self.notInWinPE)",
            "  Capture Windows Settings [SMS_TaskSequence_CaptureWindowsSettingsAction]",
            "  Capture Network Settings [SMS_TaskSequence_CaptureNetworkSettingsAction]",
            "  Capture User Files and Settings [SMS_TaskSequence_Group]",
            "    Request User State Storage [SMS_TaskSequence_RequestStateStoreAction]",
            "    Capture User Files and Settings [SMS_TaskSequence_CaptureUserStateAction]",
            "    Release User State Storage [SMS_TaskSequence_ReleaseStateStoreAction]",
        ])
        #expect(sequence.steps.map(\.name) == ["Capture File and Settings", "Install Operating System", "Setup Operating System",
                                              "Restore User Files and Settings"])
        #expect(Array(outline.suffix(4)) == [
            "Restore User Files and Settings [SMS_TaskSequence_Group]",
            "  Request User State Storage [SMS_TaskSequence_RequestStateStoreAction]",
            "  Restore User Files and Settings [SMS_TaskSequence_RestoreUserStateAction]",
            "  Release User State Storage [SMS_TaskSequence_ReleaseStateStoreAction]",
        ])
        let requests = sequence.allSteps.filter { $0.className == "SMS_TaskSequence_RequestStateStoreAction" }
        #expect(requests.map { $0.setting("RequestType") } == ["capture", "restore"])
        #expect(sequence.allSteps.first { $0.className == "SMS_TaskSequence_CaptureUserStateAction" }?.setting("UsmtPackageID") == "PS100008")
        #expect(sequence.allSteps.first { $0.className == "SMS_TaskSequence_RestoreUserStateAction" }?.setting("UsmtRestorePackageID") == "PS100008")
        #expect(sequence.validate().filter { $0.severity == .error }.isEmpty)

        let onlyNetwork = try InstallImageTemplate.sequence(for: InstallImageParameters(
            deployment: Self.deployment, stateMigration: StateMigration(networkSettings: true)))
        #expect(onlyNetwork.steps.map(\.name) == ["Capture File and Settings", "Install Operating System", "Setup Operating System"])
        #expect(onlyNetwork.steps[0].steps.map(\.name) == ["Capture Network Settings"])

        var values = Self.minimal
        for key in ["CapturePath", "CaptureAccount", "CapturePassword"] { values[key] = nil }
        values["CaptureUserSettings"] = .text("true")
        #expect(throws: TemplateError.missingParameter(name: "UsmtPackage", reason: "capturing user settings needs the User State Migration Tool package")) {
            try SequenceTemplate.named("install-image").instantiate(values)
        }
        values["CaptureUserSettings"] = nil
        values["UsmtPackage"] = .text("PS100008")
        #expect(throws: TemplateError.dependentParameter(name: "UsmtPackage", requires: "CaptureUserSettings",
                                                         reason: "the USMT package is only used to capture user settings")) {
            try SequenceTemplate.named("install-image").instantiate(values)
        }
    }

    @Test func customIsEmpty() throws {
        let result = try SequenceTemplate.named("CUSTOM").instantiate(["name": .text("Blank"), "BootImage": .text("PS100001")])
        #expect(result.sequence.steps.isEmpty)
        #expect(result.package.name == "Blank")
        #expect(result.package.bootImageID == "PS100001")
    }

    @Test func parametersByNameMakeTheSameSequenceAsTypedOnes() throws {
        let request = TemplateRequest.buildAndCapture(BuildAndCaptureParameters(deployment: Self.deployment, capture: Self.capture))
        var values = request.parameterValues
        values["Name"] = .text("Reference")
        let result = try SequenceTemplate.named(request.templateName).instantiate(values)
        #expect(result.sequence == (try BuildAndCaptureTemplate.sequence(for: BuildAndCaptureParameters(deployment: Self.deployment, capture: Self.capture))))
        #expect(result.package.name == "Reference")
        #expect(result.package.bootImageID == "PS100001")
    }

    static let minimal: [String: TemplateValue] = [
        "Name": .text("Ref"), "BootImage": .text("PS100001"), "Image": .text("PS100002:1"), "Workgroup": .text("LAB"),
        "ClientPackage": .text("PS100003"), "CapturePath": .text("\\\\cm01\\cap\\ref.wim"), "CaptureAccount": .text("CORP\\cap"),
        "CapturePassword": .text("Capt-S3cret"),
    ]

    static func refusal(_ change: (inout [String: TemplateValue]) -> Void, template: String = "build-and-capture") -> TemplateError? {
        var values = minimal
        change(&values)
        do {
            _ = try SequenceTemplate.named(template).instantiate(values)
            return nil
        } catch {
            return error
        }
    }

    @Test func refusesMissingAndContradictoryParametersNamingThem() {
        #expect(Self.refusal { _ in } == nil)
        #expect(Self.refusal { $0["BootImage"] = nil } == .missingParameter(
            name: "BootImage", reason: "the boot image package that starts Windows PE; it becomes the package's BootImageID"))
        #expect(Self.refusal { $0["Workgroup"] = nil } == .missingParameter(
            name: "Workgroup", reason: "the computer joins a workgroup or a domain; give Workgroup, or Domain with JoinAccount and JoinPassword"))
        #expect(Self.refusal { $0["Domain"] = .text("corp.example.com") } == .conflictingParameters(
            name: "Domain", other: "Workgroup", reason: "a computer joins either a domain or a workgroup"))
        #expect(Self.refusal { $0["Workgroup"] = nil; $0["Domain"] = .text("corp.example.com") } == .missingParameter(
            name: "JoinAccount", reason: "joining domain corp.example.com needs an account allowed to join it"))
        #expect(Self.refusal { $0["Workgroup"] = nil; $0["Domain"] = .text("corp"); $0["JoinAccount"] = .text("CORP\\j") } == .missingParameter(
            name: "JoinPassword", reason: "joining domain corp needs the join account's password"))
        #expect(Self.refusal { $0["DomainOU"] = .text("OU=x") } == .dependentParameter(
            name: "DomainOU", requires: "Domain", reason: "it only applies when the computer joins a domain"))
        #expect(Self.refusal { $0["Image"] = .text("PS100002") } == .invalidValue(
            name: "Image", value: "PS100002", expected: "PACKAGEID:INDEX, an image package and the image index in it (1 or more)"))
        #expect(Self.refusal { $0["Image"] = .text("PS100002:0") }?.parameter == "Image")
        #expect(Self.refusal { $0["Updates"] = .text("some") } == .invalidValue(name: "Updates", value: "some", expected: "one of required, all, none"))
        #expect(Self.refusal { $0["CapturePath"] = .text("C:\\ref.wim") }?.parameter == "CapturePath")
        #expect(Self.refusal { $0["Install"] = .list(["PS100004"]) } == .invalidValue(
            name: "Install", value: "PS100004", expected: "PACKAGEID:PROGRAM, a package and the program of it to run"))
        #expect(Self.refusal { $0["Colour"] = .text("blue") }?.parameter == "Colour")
        #expect(Self.refusal({ $0["CapturePath"] = nil }, template: "install-image") == .unknownParameter(
            template: "install-image", name: "CaptureAccount", known: SequenceTemplate.all[0].parameters.map(\.name)))
        #expect(throws: TemplateError.unknownTemplate("deploy", known: ["install-image", "build-and-capture", "custom"])) {
            try SequenceTemplate.named("deploy")
        }
    }

    @Test func refusalsNeverRepeatASecret() {
        let empty = Self.refusal { $0["CapturePassword"] = .text("") }
        #expect(empty == .invalidValue(name: "CapturePassword", value: nil, expected: "a non-empty secret"))
        #expect(Self.refusal { $0["CapturePassword"] = .list(["Capt-S3cret", "Other-S3cret"]) } ==
            .invalidValue(name: "CapturePassword", value: nil, expected: "one value, not a list of 2"))
        #expect(SequenceTemplate.all.flatMap(\.parameters).filter(\.isSecret).map(\.name).sorted() ==
            ["AdminPassword", "AdminPassword", "CapturePassword", "JoinPassword", "JoinPassword", "ProductKey", "ProductKey"])
    }

    @Test func secretParametersLandInSecretProperties() throws {
        let sequence = try BuildAndCaptureTemplate.sequence(for: BuildAndCaptureParameters(deployment: Self.deployment, capture: Self.capture))
        let catalog = ActionCatalog.builtIn
        let secrets = ["Adm1n-S3cret", "J0in-S3cret", "Capt-S3cret", "NPPR9-FWDCX-D2C8J-H872K-2YT43"]
        for step in sequence.allSteps where !step.isGroup {
            for variable in step.variables?.variables ?? [] where secrets.contains(variable.value) {
                let property = try #require(catalog.properties(of: step.className).first { $0.name == variable.property })
                #expect(property.isSecret, "\(step.name).\(variable.property) holds a secret")
            }
        }
    }
}

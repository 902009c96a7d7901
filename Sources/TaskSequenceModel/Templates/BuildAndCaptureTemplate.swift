/// The answers of "Build and capture a reference operating system image".
public struct BuildAndCaptureParameters: Sendable, Hashable {
    public var deployment: DeploymentParameters
    /// The Sysprep package images older than Windows Vista need; `nil` for current ones.
    public var sysprepPackage: String?
    public var capture: CaptureSettings

    public init(deployment: DeploymentParameters, sysprepPackage: String? = nil, capture: CaptureSettings) {
        self.deployment = deployment
        self.sysprepPackage = sysprepPackage
        self.capture = capture
    }

    var parameterValues: [String: TemplateValue] {
        typealias P = TemplateParameterName
        var values = deployment.parameterValues
        if let sysprepPackage { values[P.sysprepPackage] = .text(sysprepPackage) }
        values[P.capturePath] = .text(capture.path)
        values[P.captureAccount] = .text(capture.account)
        values[P.capturePassword] = .text(capture.password)
        if let createdBy = capture.createdBy { values[P.imageCreatedBy] = .text(createdBy) }
        if let version = capture.version { values[P.imageVersion] = .text(version) }
        if let description = capture.description { values[P.imageDescription] = .text(description) }
        return values
    }
}

/// "Build and capture a reference operating system image" (New-CMTaskSequence
/// -BuildOperatingSystemImage):
///
/// - Build the Reference Machine: Restart in Windows PE, Partition Disk 0 - BIOS, Partition Disk 0
///   - UEFI, Apply Operating System, Apply Windows Settings, Apply Network Settings, Apply Device
///   Drivers, Setup Windows and Configuration Manager, Install Updates (unless none), Install
///   Package 1…n
/// - Capture the Reference Machine: Join Workgroup (when the machine joined a domain: Sysprep
///   wants it out), Prepare Configuration Manager Client, Install Sysprep Package (when given),
///   Prepare OS, Capture the Reference Machine
public enum BuildAndCaptureTemplate {
    public static let name = "build-and-capture"

    static let template = SequenceTemplate(
        name: name, title: "Build and capture a reference operating system image",
        summary: "Builds a reference computer from an OS image package (client, software updates, packages), then generalizes it and captures its image to a network share.",
        parameters: DeploymentParameters.parameters + [
            TemplateParameter(TemplateParameterName.sysprepPackage, .packageID, summary: "the Sysprep package, for images older than Windows Vista"),
            TemplateParameter(TemplateParameterName.capturePath, .capturePath, required: true,
                              summary: "the network path of the image file to write, \\\\server\\share\\file.wim (an existing file is overwritten)"),
            TemplateParameter(TemplateParameterName.captureAccount, .text, required: true,
                              summary: "the account allowed to write to the capture share, domain\\user"),
            TemplateParameter(TemplateParameterName.capturePassword, .secret, required: true,
                              summary: "the capture account's password, stored as a secret"),
            TemplateParameter(TemplateParameterName.imageCreatedBy, .text, summary: "who the captured image names as its creator"),
            TemplateParameter(TemplateParameterName.imageVersion, .text, summary: "the captured image's version (up to 32 characters)"),
            TemplateParameter(TemplateParameterName.imageDescription, .text, summary: "the captured image's description"),
        ]
    ) { arguments throws(TemplateError) in
        typealias P = TemplateParameterName
        let capture = CaptureSettings(
            path: try arguments.required(P.capturePath), account: try arguments.required(P.captureAccount),
            password: try arguments.required(P.capturePassword), createdBy: arguments.text(P.imageCreatedBy),
            version: arguments.text(P.imageVersion), description: arguments.text(P.imageDescription))
        if let version = capture.version, version.count > 32 {
            throw .invalidValue(name: P.imageVersion, value: version, expected: "at most 32 characters")
        }
        return try sequence(for: BuildAndCaptureParameters(
            deployment: DeploymentParameters(arguments), sysprepPackage: arguments.text(P.sysprepPackage), capture: capture))
    }

    /// The sequence the wizard writes for `parameters`.
    public static func sequence(for parameters: BuildAndCaptureParameters) throws(TemplateError) -> TaskSequence {
        let deployment = parameters.deployment
        var build = [try WizardSteps.restartInWindowsPE()]
        build += try WizardSteps.partitionDisk()
        build += [
            try WizardSteps.applyOperatingSystem(deployment.image),
            try WizardSteps.applyWindowsSettings(deployment),
            try WizardSteps.applyNetworkSettings(deployment.network),
            try WizardSteps.applyDeviceDrivers(),
            try WizardSteps.setupWindowsAndConfigMgr(deployment),
        ]
        build += try WizardSteps.installUpdates(deployment.updates)
        build += try WizardSteps.installPackages(deployment)

        var capture: [Step] = []
        if case .domain = deployment.network { capture.append(try WizardSteps.joinWorkgroup()) }
        capture.append(try WizardSteps.prepareConfigMgrClient())
        if let sysprep = parameters.sysprepPackage { capture.append(try WizardSteps.installSysprepPackage(sysprep)) }
        capture += [try WizardSteps.prepareOS(), try WizardSteps.captureReferenceMachine(parameters.capture)]

        return TaskSequence(schemaVersion: "3.10", steps: [
            .group(name: "Build the Reference Machine", description: "Actions to build a reference machine", steps: build),
            .group(name: "Capture the Reference Machine", description: "Actions to prepare and capture the reference machine", steps: capture),
        ])
    }
}

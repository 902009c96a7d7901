internal import TaskSequenceModel

/// A template of the Create Task Sequence Wizard with its answers, for
/// ``ProviderClient/createPackage(fromTemplate:named:description:)``.
///
/// ```swift
/// let deployment = OSDeploymentSettings(
///     bootImage: "PS100001", image: "PS100002", imageIndex: 1,
///     network: .workgroup("LAB"), clientPackage: "PS100003", updates: .required)
/// let package = try client.createPackage(
///     fromTemplate: .buildAndCapture(deployment, capture: ImageCaptureSettings(
///         path: #"\\cm01\captures$\win11.wim"#, account: #"CORP\svc-capture"#, password: capturePassword)),
///     named: "Windows 11 reference")
/// ```
public enum PackageTemplate: Sendable, Hashable {
    /// "Create a new custom task sequence": an empty sequence.
    case custom(bootImage: String? = nil)
    /// "Install an existing image package"; `partitionDisk` writes the BIOS and UEFI
    /// partition steps, `migration` the State Migration page's capture and restore groups.
    case installImage(OSDeploymentSettings, partitionDisk: Bool = true, migration: UserStateMigration = UserStateMigration())
    /// "Build and capture a reference operating system image"; `sysprepPackage` only for
    /// images older than Windows Vista.
    case buildAndCapture(OSDeploymentSettings, capture: ImageCaptureSettings, sysprepPackage: String? = nil)

    /// The template's name on the bus: `custom`, `install-image`, `build-and-capture`.
    public var name: String { request.templateName }

    var request: TemplateRequest {
        switch self {
        case .custom(let bootImage):
            .custom(bootImage: bootImage)
        case .installImage(let settings, let partitionDisk, let migration):
            .installImage(InstallImageParameters(deployment: settings.model, partitionDisk: partitionDisk, stateMigration: StateMigration(
                userStatePackage: migration.userStatePackage, networkSettings: migration.networkSettings, windowsSettings: migration.windowsSettings)))
        case .buildAndCapture(let settings, let capture, let sysprepPackage):
            .buildAndCapture(BuildAndCaptureParameters(deployment: settings.model, sysprepPackage: sysprepPackage, capture: capture.model))
        }
    }

    /// The `params` of CreateFromTemplate, Name and Description included.
    func parameters(name: String, description: String?) -> [String: PropertyValue] {
        var values = request.parameterValues.mapValues { value -> PropertyValue in
            switch value {
            case .text(let text): .string(text)
            case .list(let entries): .list(entries.map(PropertyValue.string))
            }
        }
        values[TemplateParameterName.name] = .string(name)
        if let description { values[TemplateParameterName.description] = .string(description) }
        return values
    }
}

/// What "Install an existing image package" carries from the computer's old Windows.
public struct UserStateMigration: Sendable, Hashable {
    /// The USMT package that captures and restores user files and settings; `nil` for none.
    public var userStatePackage: String?
    /// Capture the network membership and adapter settings.
    public var networkSettings: Bool
    /// Capture the computer name, registration and time zone.
    public var windowsSettings: Bool

    public init(userStatePackage: String? = nil, networkSettings: Bool = false, windowsSettings: Bool = false) {
        self.userStatePackage = userStatePackage
        self.networkSettings = networkSettings
        self.windowsSettings = windowsSettings
    }
}

/// Which network the new computer joins.
public enum NetworkJoin: Sendable, Hashable {
    case workgroup(String)
    /// A domain, optionally into an OU (its LDAP distinguished name), with an account allowed
    /// to join it and that account's password (stored as a secret).
    case domain(String, organizationalUnit: String? = nil, account: String, password: String)
}

/// Which software updates the sequence installs.
public enum UpdateSelection: String, Sendable, Hashable, CaseIterable {
    case required, all, none
}

/// The answers both operating system templates share.
public struct OSDeploymentSettings: Sendable, Hashable {
    /// The boot image package (the new package's BootImageID).
    public var bootImage: String
    /// The OS image package and the index of the image in it.
    public var image: String
    public var imageIndex: UInt32
    /// The product key; stored as a secret.
    public var productKey: String?
    /// The local administrator password, stored as a secret; `nil` for a random one with the
    /// account disabled.
    public var administratorPassword: String?
    public var network: NetworkJoin
    /// The Configuration Manager client package and its installation properties.
    public var clientPackage: String
    public var clientProperties: String?
    public var updates: UpdateSelection
    /// Packages to install after the client: (PackageID, program name), in order.
    public var installs: [(packageID: String, program: String)] {
        get { installList.map { ($0.packageID, $0.program) } }
        set { installList = newValue.map { PackageProgramEntry(packageID: $0.packageID, program: $0.program) } }
    }
    /// Whether the sequence goes on when one of those installs fails.
    public var continueOnInstallError: Bool
    /// Apply Windows Settings' time zone (English Windows name) and registration; `nil` keeps
    /// the template's default.
    public var timeZone: String?
    public var registeredUser: String?
    public var registeredOrganization: String?

    private var installList: [PackageProgramEntry] = []

    public init(
        bootImage: String, image: String, imageIndex: UInt32, productKey: String? = nil, administratorPassword: String? = nil,
        network: NetworkJoin, clientPackage: String, clientProperties: String? = nil, updates: UpdateSelection = .none,
        installs: [(packageID: String, program: String)] = [], continueOnInstallError: Bool = false,
        timeZone: String? = nil, registeredUser: String? = nil, registeredOrganization: String? = nil
    ) {
        self.bootImage = bootImage
        self.image = image
        self.imageIndex = imageIndex
        self.productKey = productKey
        self.administratorPassword = administratorPassword
        self.network = network
        self.clientPackage = clientPackage
        self.clientProperties = clientProperties
        self.updates = updates
        self.continueOnInstallError = continueOnInstallError
        self.timeZone = timeZone
        self.registeredUser = registeredUser
        self.registeredOrganization = registeredOrganization
        self.installs = installs
    }

    var model: DeploymentParameters {
        let network: NetworkMembership = switch self.network {
        case .workgroup(let name): .workgroup(name)
        case .domain(let name, let unit, let account, let password): .domain(name: name, organizationalUnit: unit, account: account, password: password)
        }
        return DeploymentParameters(
            bootImage: bootImage, image: ImageReference(packageID: image, index: imageIndex), productKey: productKey,
            administratorPassword: administratorPassword, network: network, clientPackage: clientPackage,
            clientProperties: clientProperties, updates: SoftwareUpdateChoice(rawValue: updates.rawValue) ?? .none,
            installs: installList.map { PackageProgram(packageID: $0.packageID, program: $0.program) },
            continueOnInstallError: continueOnInstallError,
            timeZone: timeZone ?? DeploymentParameters.defaultTimeZone,
            registeredUser: registeredUser ?? DeploymentParameters.defaultRegisteredName,
            registeredOrganization: registeredOrganization ?? DeploymentParameters.defaultRegisteredName)
    }
}

/// A package and program to install (hashable storage of ``OSDeploymentSettings/installs``).
private struct PackageProgramEntry: Sendable, Hashable {
    var packageID: String
    var program: String
}

/// Where and as whom the build and capture template captures the reference image.
public struct ImageCaptureSettings: Sendable, Hashable {
    /// `\\server\share\file.wim`; an existing file is overwritten.
    public var path: String
    /// The account that writes to the share, and its password (stored as a secret).
    public var account: String
    public var password: String
    /// The image's Created by, Version and Description.
    public var createdBy: String?
    public var version: String?
    public var description: String?

    public init(path: String, account: String, password: String, createdBy: String? = nil, version: String? = nil, description: String? = nil) {
        self.path = path
        self.account = account
        self.password = password
        self.createdBy = createdBy
        self.version = version
        self.description = description
    }

    var model: CaptureSettings {
        CaptureSettings(path: path, account: account, password: password, createdBy: createdBy, version: version, description: description)
    }
}

/// A value given for a template parameter: text, or a list for the parameters that take several
/// entries (the packages to install).
public enum TemplateValue: Sendable, Hashable {
    case text(String)
    case list([String])

    /// The entries: a list as it is, a text as one entry.
    public var entries: [String] {
        switch self {
        case .text(let text): [text]
        case .list(let entries): entries
        }
    }
}

/// What kind of value a template parameter takes; the kind decides how a value is checked.
public enum TemplateParameterKind: String, Sendable, Hashable, CaseIterable {
    /// Free text.
    case text
    /// A password or product key: stored as the secret it is, never returned.
    case secret
    /// A PackageID (three-character site code and five hex digits).
    case packageID
    /// An image package and the index of the image in it: `PACKAGEID:INDEX`.
    case image
    /// `true` or `false`.
    case boolean
    /// One of the parameter's ``TemplateParameter/allowedValues``.
    case choice
    /// Packages and their programs to install: entries `PACKAGEID:PROGRAM`.
    case packagePrograms
    /// A network path (`\\server\share\file.wim`) for the captured image.
    case capturePath
}

/// A question the Create Task Sequence Wizard asks, as a template parameter.
public struct TemplateParameter: Sendable, Hashable {
    /// The parameter's name in a CreateFromTemplate request (matched without regard to case).
    public let name: String
    public let kind: TemplateParameterKind
    /// Whether a request must give it.
    public let isRequired: Bool
    /// The value used when the request leaves it out, if any.
    public let defaultValue: String?
    /// The values a ``TemplateParameterKind/choice`` parameter accepts.
    public let allowedValues: [String]
    /// What it means, and the rule it follows.
    public let summary: String

    public init(
        _ name: String, _ kind: TemplateParameterKind, required: Bool = false, defaultValue: String? = nil,
        allowedValues: [String] = [], summary: String
    ) {
        self.name = name
        self.kind = kind
        self.isRequired = required
        self.defaultValue = defaultValue
        self.allowedValues = allowedValues
        self.summary = summary
    }

    /// Whether values of this parameter are secrets (stored, never returned).
    public var isSecret: Bool { kind == .secret }
}

/// The parameter names the templates share.
public enum TemplateParameterName {
    public static let name = "Name"
    public static let description = "Description"
    public static let bootImage = "BootImage"
    public static let image = "Image"
    public static let partitionDisk = "PartitionDisk"
    public static let productKey = "ProductKey"
    public static let adminPassword = "AdminPassword"
    public static let workgroup = "Workgroup"
    public static let domain = "Domain"
    public static let domainOU = "DomainOU"
    public static let joinAccount = "JoinAccount"
    public static let joinPassword = "JoinPassword"
    public static let clientPackage = "ClientPackage"
    public static let clientProperties = "ClientProperties"
    public static let updates = "Updates"
    public static let install = "Install"
    public static let continueOnInstallError = "ContinueOnInstallError"
    public static let timeZone = "TimeZone"
    public static let registeredUser = "RegisteredUser"
    public static let registeredOrganization = "RegisteredOrganization"
    public static let captureUserSettings = "CaptureUserSettings"
    public static let usmtPackage = "UsmtPackage"
    public static let captureNetworkSettings = "CaptureNetworkSettings"
    public static let captureWindowsSettings = "CaptureWindowsSettings"
    public static let sysprepPackage = "SysprepPackage"
    public static let capturePath = "CapturePath"
    public static let captureAccount = "CaptureAccount"
    public static let capturePassword = "CapturePassword"
    public static let imageCreatedBy = "ImageCreatedBy"
    public static let imageVersion = "ImageVersion"
    public static let imageDescription = "ImageDescription"
}

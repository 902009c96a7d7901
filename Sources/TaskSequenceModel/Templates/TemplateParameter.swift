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
///
/// A kind this version does not know (one a newer provider describes) reads as
/// ``unknown(_:)`` with its name, so a client older than its provider still lists the template.
public enum TemplateParameterKind: Sendable, Hashable, RawRepresentable, Codable, CaseIterable {
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
    /// A kind this version does not know, by its name.
    case unknown(String)

    /// The kinds this version knows.
    public static let allCases: [TemplateParameterKind] = [.text, .secret, .packageID, .image, .boolean, .choice, .packagePrograms, .capturePath]

    /// The kind named `rawValue` (exact case); ``unknown(_:)`` for a name this version does not know.
    public init(rawValue: String) {
        self = Self.allCases.first { $0.rawValue == rawValue } ?? .unknown(rawValue)
    }

    /// The kind's name on the bus and in JSON: `text`, `packageID` …
    public var rawValue: String {
        switch self {
        case .text: "text"
        case .secret: "secret"
        case .packageID: "packageID"
        case .image: "image"
        case .boolean: "boolean"
        case .choice: "choice"
        case .packagePrograms: "packagePrograms"
        case .capturePath: "capturePath"
        case .unknown(let name): name
        }
    }
}

/// A question the Create Task Sequence Wizard asks, as a template parameter: what the service's
/// templates declare, `GetTemplates` describes and the SDK reads back.
///
/// JSON (`tsctl package templates NAME --json`): `Name`, `Type`, `Required`, `Secret`,
/// `Multiple`, `Description`, `Default` (absent when there is none), `Values`.
public struct TemplateParameter: Sendable, Hashable, Codable {
    /// The parameter's name in a CreateFromTemplate request (matched without regard to case).
    public let name: String
    public let kind: TemplateParameterKind
    /// Whether a request must give it.
    public let isRequired: Bool
    /// Whether values of this parameter are secrets (stored, never returned).
    public let isSecret: Bool
    /// Whether it takes several values (a list).
    public let isMultiple: Bool
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
        self.init(
            name: name, kind: kind, isRequired: required, isSecret: kind == .secret, isMultiple: kind == .packagePrograms,
            defaultValue: defaultValue, allowedValues: allowedValues, summary: summary)
    }

    /// A parameter as a provider describes it, its flags as given (a kind this version does
    /// not know says nothing about them).
    public init(
        name: String, kind: TemplateParameterKind, isRequired: Bool, isSecret: Bool, isMultiple: Bool,
        defaultValue: String?, allowedValues: [String], summary: String
    ) {
        self.name = name
        self.kind = kind
        self.isRequired = isRequired
        self.isSecret = isSecret
        self.isMultiple = isMultiple
        self.defaultValue = defaultValue
        self.allowedValues = allowedValues
        self.summary = summary
    }

    private enum CodingKeys: String, CodingKey {
        case name = "Name", kind = "Type", isRequired = "Required", isSecret = "Secret", isMultiple = "Multiple"
        case summary = "Description", defaultValue = "Default", allowedValues = "Values"
    }
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

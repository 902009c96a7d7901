/// Which network the new computer joins (the wizard's Configure Network page; the SDK's
/// `StepAction.applyNetworkSettings(joining:)` takes it too).
public enum NetworkMembership: Sendable, Hashable {
    /// Join a workgroup.
    case workgroup(String)
    /// Join a domain, optionally into an OU (its LDAP distinguished name), with an account
    /// allowed to join it and that account's password (stored as a secret).
    case domain(name: String, organizationalUnit: String? = nil, account: String, password: String)
}

/// Which software updates the sequence installs (the wizard's Include Updates page).
public enum SoftwareUpdateChoice: String, Sendable, Hashable, CaseIterable {
    /// Required (mandatory) updates targeted at the computer's collections.
    case required
    /// Every update targeted at the computer's collections.
    case all
    /// No Install Updates step.
    case none
}

/// The answers both operating system templates share: the Task Sequence Information, Install
/// Windows, Configure Network, Install Configuration Manager, Include Updates and Install
/// Applications pages of the wizard.
public struct DeploymentParameters: Sendable, Hashable {
    /// The boot image package (the package's BootImageID).
    public var bootImage: String
    /// The image package and image index to apply.
    public var image: ImageReference
    /// The Windows product key; `nil` for none. A secret.
    public var productKey: String?
    /// The local administrator password; `nil` to generate a random one and disable the
    /// account. A secret.
    public var administratorPassword: String?
    public var network: NetworkMembership
    /// The Configuration Manager client package.
    public var clientPackage: String
    /// The client's installation properties (`SMSMP=… DNSSUFFIX=…`).
    public var clientProperties: String?
    public var updates: SoftwareUpdateChoice
    /// Packages to install after the client, in order.
    public var installs: [PackageProgram]
    /// Whether the sequence goes on when installing one of ``installs`` fails.
    public var continueOnInstallError: Bool
    /// The time zone Apply Windows Settings sets (its English Windows name).
    public var timeZone: String
    public var registeredUser: String
    public var registeredOrganization: String

    public init(
        bootImage: String, image: ImageReference, productKey: String? = nil, administratorPassword: String? = nil,
        network: NetworkMembership, clientPackage: String, clientProperties: String? = nil,
        updates: SoftwareUpdateChoice = .none, installs: [PackageProgram] = [], continueOnInstallError: Bool = false,
        timeZone: String = DeploymentParameters.defaultTimeZone,
        registeredUser: String = DeploymentParameters.defaultRegisteredName,
        registeredOrganization: String = DeploymentParameters.defaultRegisteredName
    ) {
        self.bootImage = bootImage
        self.image = image
        self.productKey = productKey
        self.administratorPassword = administratorPassword
        self.network = network
        self.clientPackage = clientPackage
        self.clientProperties = clientProperties
        self.updates = updates
        self.installs = installs
        self.continueOnInstallError = continueOnInstallError
        self.timeZone = timeZone
        self.registeredUser = registeredUser
        self.registeredOrganization = registeredOrganization
    }

    public static let defaultTimeZone = "UTC"
    public static let defaultRegisteredName = "Windows User"

    /// The parameters these answers come from, in the order the wizard asks.
    static let parameters: [TemplateParameter] = [
        TemplateParameter(TemplateParameterName.bootImage, .packageID, required: true,
                          summary: "the boot image package that starts Windows PE; it becomes the package's BootImageID"),
        TemplateParameter(TemplateParameterName.image, .image, required: true,
                          summary: "the OS image package and the index of the image in it, PACKAGEID:INDEX"),
        TemplateParameter(TemplateParameterName.productKey, .secret, summary: "the Windows product key, stored as a secret"),
        TemplateParameter(TemplateParameterName.adminPassword, .secret,
                          summary: "the local administrator password, stored as a secret; without it the password is random and the account disabled"),
        TemplateParameter(TemplateParameterName.workgroup, .text, summary: "the workgroup to join; give it or Domain, not both"),
        TemplateParameter(TemplateParameterName.domain, .text, summary: "the domain to join, with JoinAccount and JoinPassword; give it or Workgroup, not both"),
        TemplateParameter(TemplateParameterName.domainOU, .text, summary: "the LDAP distinguished name of the OU for the computer account; only with Domain"),
        TemplateParameter(TemplateParameterName.joinAccount, .text, summary: "the account allowed to join the domain, domain\\user; only with Domain"),
        TemplateParameter(TemplateParameterName.joinPassword, .secret, summary: "the join account's password, stored as a secret; only with Domain"),
        TemplateParameter(TemplateParameterName.clientPackage, .packageID, required: true,
                          summary: "the Configuration Manager client package that Setup Windows and Configuration Manager installs"),
        TemplateParameter(TemplateParameterName.clientProperties, .text, summary: "the client's installation properties, e.g. SMSMP=mp.example.com"),
        TemplateParameter(TemplateParameterName.updates, .choice, defaultValue: SoftwareUpdateChoice.none.rawValue,
                          allowedValues: SoftwareUpdateChoice.allCases.map(\.rawValue),
                          summary: "which software updates to install: required, all or none (no Install Updates step)"),
        TemplateParameter(TemplateParameterName.install, .packagePrograms,
                          summary: "packages to install after the client, each PACKAGEID:PROGRAM, in order"),
        TemplateParameter(TemplateParameterName.continueOnInstallError, .boolean, defaultValue: "false",
                          summary: "whether the sequence goes on when installing one of the Install packages fails"),
        TemplateParameter(TemplateParameterName.timeZone, .text, defaultValue: defaultTimeZone,
                          summary: "the time zone Apply Windows Settings sets, by its English Windows name"),
        TemplateParameter(TemplateParameterName.registeredUser, .text, defaultValue: defaultRegisteredName,
                          summary: "the registered user name Apply Windows Settings sets"),
        TemplateParameter(TemplateParameterName.registeredOrganization, .text, defaultValue: defaultRegisteredName,
                          summary: "the registered organization name Apply Windows Settings sets"),
    ]

    /// Reads the answers, refusing contradictory network settings.
    init(_ arguments: TemplateArguments) throws(TemplateError) {
        typealias P = TemplateParameterName
        guard let image = arguments.image(P.image) else {
            throw .missingParameter(name: P.image, reason: "the OS image package and the index of the image in it, PACKAGEID:INDEX")
        }
        self.init(
            bootImage: try arguments.required(P.bootImage), image: image,
            productKey: arguments.text(P.productKey), administratorPassword: arguments.text(P.adminPassword),
            network: try Self.network(arguments), clientPackage: try arguments.required(P.clientPackage),
            clientProperties: arguments.text(P.clientProperties),
            updates: arguments.text(P.updates).flatMap(SoftwareUpdateChoice.init(rawValue:)) ?? .none,
            installs: arguments.packagePrograms(P.install), continueOnInstallError: arguments.flag(P.continueOnInstallError),
            timeZone: arguments.text(P.timeZone) ?? Self.defaultTimeZone,
            registeredUser: arguments.text(P.registeredUser) ?? Self.defaultRegisteredName,
            registeredOrganization: arguments.text(P.registeredOrganization) ?? Self.defaultRegisteredName
        )
    }

    private static func network(_ arguments: TemplateArguments) throws(TemplateError) -> NetworkMembership {
        typealias P = TemplateParameterName
        let domainOnly = [P.domainOU, P.joinAccount, P.joinPassword]
        if let domain = arguments.text(P.domain) {
            if arguments.has(P.workgroup) {
                throw .conflictingParameters(name: P.domain, other: P.workgroup, reason: "a computer joins either a domain or a workgroup")
            }
            guard let account = arguments.text(P.joinAccount) else {
                throw .missingParameter(name: P.joinAccount, reason: "joining domain \(domain) needs an account allowed to join it")
            }
            guard let password = arguments.text(P.joinPassword) else {
                throw .missingParameter(name: P.joinPassword, reason: "joining domain \(domain) needs the join account's password")
            }
            return .domain(name: domain, organizationalUnit: arguments.text(P.domainOU), account: account, password: password)
        }
        if let stray = domainOnly.first(where: arguments.has) {
            throw .dependentParameter(name: stray, requires: P.domain, reason: "it only applies when the computer joins a domain")
        }
        guard let workgroup = arguments.text(P.workgroup) else {
            throw .missingParameter(name: P.workgroup, reason: "the computer joins a workgroup or a domain; give Workgroup, or Domain with JoinAccount and JoinPassword")
        }
        return .workgroup(workgroup)
    }

    /// The parameter values these answers stand for (what a client sends).
    var parameterValues: [String: TemplateValue] {
        typealias P = TemplateParameterName
        var values: [String: TemplateValue] = [
            P.bootImage: .text(bootImage), P.image: .text(image.description), P.clientPackage: .text(clientPackage),
            P.updates: .text(updates.rawValue), P.continueOnInstallError: .text(continueOnInstallError ? "true" : "false"),
            P.timeZone: .text(timeZone), P.registeredUser: .text(registeredUser), P.registeredOrganization: .text(registeredOrganization),
        ]
        if let productKey { values[P.productKey] = .text(productKey) }
        if let administratorPassword { values[P.adminPassword] = .text(administratorPassword) }
        if let clientProperties { values[P.clientProperties] = .text(clientProperties) }
        if !installs.isEmpty { values[P.install] = .list(installs.map(\.description)) }
        switch network {
        case .workgroup(let name):
            values[P.workgroup] = .text(name)
        case .domain(let name, let organizationalUnit, let account, let password):
            values[P.domain] = .text(name)
            if let organizationalUnit { values[P.domainOU] = .text(organizationalUnit) }
            values[P.joinAccount] = .text(account)
            values[P.joinPassword] = .text(password)
        }
        return values
    }
}

/// The Image Properties and Capture Image pages of the build and capture wizard.
public struct CaptureSettings: Sendable, Hashable {
    /// Where the image goes: `\\server\share\file.wim`.
    public var path: String
    /// The account that writes it, and its password (a secret).
    public var account: String
    public var password: String
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
}

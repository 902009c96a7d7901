import ArgumentParser
import TaskSequenceSDK

/// `tsctl package create NAME --template …`: one option per question of the Create Task
/// Sequence Wizard. Passwords and the product key are never options: they come from
/// `--secrets-file` or a prompt.
struct TemplateOptions: ParsableArguments {
    @Option(name: .customLong("template"), help: ArgumentHelp(
        "Create the sequence the Create Task Sequence Wizard writes: install-image, build-and-capture or custom.", valueName: "template"))
    var template: String?

    @Option(name: .customLong("boot-image"), help: ArgumentHelp("The boot image package (becomes BootImageID).", valueName: "package"))
    var bootImage: String?

    @Option(name: .customLong("image"), help: ArgumentHelp("The OS image package and image index.", valueName: "package:index"))
    var image: String?

    @Flag(name: .customLong("no-partition"), help: "install-image: do not partition and format disk 0.")
    var noPartition = false

    @Flag(name: .customLong("capture-user-settings"), help: "install-image: capture the user state with USMT and restore it (with --usmt-package).")
    var captureUserSettings = false

    @Option(name: .customLong("usmt-package"), help: ArgumentHelp("install-image: the User State Migration Tool package.", valueName: "package"))
    var usmtPackage: String?

    @Flag(name: .customLong("capture-network-settings"), help: "install-image: capture the network membership and adapter settings.")
    var captureNetworkSettings = false

    @Flag(name: .customLong("capture-windows-settings"), help: "install-image: capture the computer name, registration and time zone.")
    var captureWindowsSettings = false

    @Option(name: .customLong("workgroup"), help: ArgumentHelp("Join this workgroup.", valueName: "name"))
    var workgroup: String?

    @Option(name: .customLong("domain"), help: ArgumentHelp("Join this domain (with --join-account; the password from the secrets).", valueName: "name"))
    var domain: String?

    @Option(name: .customLong("ou"), help: ArgumentHelp("The OU for the computer account (LDAP distinguished name).", valueName: "dn"))
    var organizationalUnit: String?

    @Option(name: .customLong("join-account"), help: ArgumentHelp("The account that joins the domain.", valueName: "domain\\user"))
    var joinAccount: String?

    @Option(name: .customLong("client-package"), help: ArgumentHelp("The Configuration Manager client package.", valueName: "package"))
    var clientPackage: String?

    @Option(name: .customLong("client-properties"), help: ArgumentHelp("The client's installation properties.", valueName: "properties"))
    var clientProperties: String?

    @Option(name: .customLong("updates"), help: ArgumentHelp("Software updates to install: required, all or none.", valueName: "which"))
    var updates: String?

    @Option(name: .customLong("install"), parsing: .upToNextOption, help: ArgumentHelp(
        "Packages to install after the client, in order.", valueName: "package:program"))
    var installs: [String] = []

    @Flag(name: .customLong("continue-on-install-error"), help: "Go on when installing one of the --install packages fails.")
    var continueOnInstallError = false

    @Option(name: .customLong("time-zone"), help: ArgumentHelp("The time zone to set (English Windows name).", valueName: "zone"))
    var timeZone: String?

    @Option(name: .customLong("registered-user"), help: ArgumentHelp("The registered user name.", valueName: "name"))
    var registeredUser: String?

    @Option(name: .customLong("registered-org"), help: ArgumentHelp("The registered organization name.", valueName: "name"))
    var registeredOrganization: String?

    @Option(name: .customLong("sysprep-package"), help: ArgumentHelp("build-and-capture: the Sysprep package (images older than Windows Vista).", valueName: "package"))
    var sysprepPackage: String?

    @Option(name: .customLong("capture-path"), help: ArgumentHelp("build-and-capture: where the image goes.", valueName: "\\\\server\\share\\file.wim"))
    var capturePath: String?

    @Option(name: .customLong("capture-account"), help: ArgumentHelp("build-and-capture: the account that writes the image.", valueName: "domain\\user"))
    var captureAccount: String?

    @Option(name: .customLong("image-created-by"), help: ArgumentHelp("build-and-capture: the image's creator.", valueName: "name"))
    var imageCreatedBy: String?

    @Option(name: .customLong("image-version"), help: ArgumentHelp("build-and-capture: the image's version.", valueName: "version"))
    var imageVersion: String?

    @Option(name: .customLong("image-description"), help: ArgumentHelp("build-and-capture: the image's description.", valueName: "text"))
    var imageDescription: String?

    @Option(name: .customLong("secrets-file"), help: ArgumentHelp(
        "Read admin-password=, join-password=, capture-password= and product-key= lines from FILE; missing required ones are asked for when standard input is a terminal.",
        valueName: "file"))
    var secretsFile: String?

    /// The template options given without --template, which would otherwise be ignored.
    var strayOptions: [String] {
        let given: [(String, Bool)] = [
            ("--boot-image", bootImage != nil), ("--image", image != nil), ("--no-partition", noPartition), ("--capture-user-settings", captureUserSettings),
            ("--usmt-package", usmtPackage != nil), ("--capture-network-settings", captureNetworkSettings),
            ("--capture-windows-settings", captureWindowsSettings), ("--workgroup", workgroup != nil),
            ("--domain", domain != nil), ("--ou", organizationalUnit != nil), ("--join-account", joinAccount != nil),
            ("--client-package", clientPackage != nil), ("--client-properties", clientProperties != nil), ("--updates", updates != nil),
            ("--install", !installs.isEmpty), ("--continue-on-install-error", continueOnInstallError), ("--time-zone", timeZone != nil),
            ("--registered-user", registeredUser != nil), ("--registered-org", registeredOrganization != nil),
            ("--sysprep-package", sysprepPackage != nil), ("--capture-path", capturePath != nil), ("--capture-account", captureAccount != nil),
            ("--image-created-by", imageCreatedBy != nil), ("--image-version", imageVersion != nil),
            ("--image-description", imageDescription != nil), ("--secrets-file", secretsFile != nil),
        ]
        return given.filter(\.1).map(\.0)
    }

    /// CreateFromTemplate's parameters (Name and Description included), secrets read from the
    /// secrets file or asked for.
    func parameters(template: String, name: String, description: String?) throws -> [String: PropertyValue] {
        var values: [String: PropertyValue] = ["Name": .string(name)]
        let text: [(String, String?)] = [
            ("Description", description), ("BootImage", bootImage), ("Image", image), ("Workgroup", workgroup), ("Domain", domain),
            ("DomainOU", organizationalUnit), ("JoinAccount", joinAccount), ("ClientPackage", clientPackage),
            ("ClientProperties", clientProperties), ("Updates", updates), ("TimeZone", timeZone), ("RegisteredUser", registeredUser),
            ("RegisteredOrganization", registeredOrganization), ("SysprepPackage", sysprepPackage), ("CapturePath", capturePath),
            ("CaptureAccount", captureAccount), ("ImageCreatedBy", imageCreatedBy), ("ImageVersion", imageVersion),
            ("ImageDescription", imageDescription),
        ]
        for case (let key, let value?) in text { values[key] = .string(value) }
        if !installs.isEmpty { values["Install"] = .list(installs.map(PropertyValue.string)) }
        if continueOnInstallError { values["ContinueOnInstallError"] = .bool(true) }
        if noPartition { values["PartitionDisk"] = .bool(false) }
        if captureUserSettings { values["CaptureUserSettings"] = .bool(true) }
        if let usmtPackage { values["UsmtPackage"] = .string(usmtPackage) }
        if captureNetworkSettings { values["CaptureNetworkSettings"] = .bool(true) }
        if captureWindowsSettings { values["CaptureWindowsSettings"] = .bool(true) }

        var secrets = try secretsFile.map { try TemplateSecrets.read(path: $0) } ?? [:]
        for secret in requiredSecrets(template: template) where secrets[secret] == nil {
            if let answer = try TemplateSecrets.prompt(for: secret) { secrets[secret] = answer }
        }
        for (secret, value) in secrets { values[secret.parameter] = .string(value) }
        return values
    }

    /// How `package create` gives a template parameter: its option, `NAME` for the package's
    /// name, or the secrets-file line.
    static func option(forParameter parameter: String) -> String {
        if let secret = TemplateSecret.allCases.first(where: { $0.parameter.lowercased() == parameter.lowercased() }) {
            return "secrets-file: \(secret.rawValue)="
        }
        let options = [
            "name": "NAME", "description": "--description", "bootimage": "--boot-image", "image": "--image",
            "partitiondisk": "--no-partition", "captureusersettings": "--capture-user-settings", "usmtpackage": "--usmt-package",
            "capturenetworksettings": "--capture-network-settings", "capturewindowssettings": "--capture-windows-settings", "workgroup": "--workgroup", "domain": "--domain", "domainou": "--ou",
            "joinaccount": "--join-account", "clientpackage": "--client-package", "clientproperties": "--client-properties",
            "updates": "--updates", "install": "--install", "continueoninstallerror": "--continue-on-install-error",
            "timezone": "--time-zone", "registereduser": "--registered-user", "registeredorganization": "--registered-org",
            "syspreppackage": "--sysprep-package", "capturepath": "--capture-path", "captureaccount": "--capture-account",
            "imagecreatedby": "--image-created-by", "imageversion": "--image-version", "imagedescription": "--image-description",
        ]
        return options[parameter.lowercased()] ?? parameter
    }

    /// The secrets the template cannot do without, given the other options.
    private func requiredSecrets(template: String) -> [TemplateSecret] {
        var needed: [TemplateSecret] = []
        if domain != nil { needed.append(.joinPassword) }
        if template.lowercased() == "build-and-capture" { needed.append(.capturePassword) }
        return needed
    }
}

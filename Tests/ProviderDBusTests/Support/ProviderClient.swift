import DBusKit
import Foundation
import TaskSequenceModel
import TaskSequenceXML

/// The provider's names as a client spells them (deliberately written out, not taken from the
/// daemon's code: these tests check the contract in docs/dbus-api.md).
enum Provider {
    static let busName = "org.tsprovider.Provider1"
    static let rootPath = "/org/tsprovider/Provider1"
    static let packageClassPath = rootPath + "/SMS_TaskSequencePackage"
    static let smsPackageClassPath = rootPath + "/SMS_Package"
    static let classPermissionsPath = rootPath + "/SMS_UserClassPermissions"
    static let instancePermissionsPath = rootPath + "/SMS_UserInstancePermissions"

    static let rootInterface = "org.tsprovider.Provider1"
    static let classInterface = "org.tsprovider.Provider1.Class"
    static let packageClassInterface = "org.tsprovider.Provider1.TaskSequencePackageClass"
    static let packageInterface = "org.tsprovider.Provider1.SMS_TaskSequencePackage"
    static let sequenceInterface = "org.tsprovider.Provider1.SMS_TaskSequence"
    static let stepInterface = "org.tsprovider.Provider1.SMS_TaskSequence_Step"
    static let groupInterface = "org.tsprovider.Provider1.SMS_TaskSequence_Group"
    static let actionInterface = "org.tsprovider.Provider1.SMS_TaskSequence_Action"
    static let conditionInterface = "org.tsprovider.Provider1.SMS_TaskSequence_Condition"
    static let expressionInterface = "org.tsprovider.Provider1.SMS_TaskSequence_ConditionExpression"
    static let operatorInterface = "org.tsprovider.Provider1.SMS_TaskSequence_ConditionOperator"
    static let smsPackageInterface = "org.tsprovider.Provider1.SMS_Package"
    static let classPermissionsInterface = "org.tsprovider.Provider1.SMS_UserClassPermissions"
    static let instancePermissionsInterface = "org.tsprovider.Provider1.SMS_UserInstancePermissions"
    static let propertiesInterface = "org.freedesktop.DBus.Properties"

    static let conflictError = "org.tsprovider.Provider1.Error.Conflict"
    static let invalidXMLError = "org.tsprovider.Provider1.Error.InvalidXml"

    /// The repository's `interfaces/` directory.
    static let interfacesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("interfaces").path
}

/// Typed calls to the provider over one connection.
struct ProviderClient: Sendable {
    let connection: DBusConnection

    init(_ connection: DBusConnection) {
        self.connection = connection
    }

    func proxy(_ path: ObjectPath) -> DBusProxy {
        DBusProxy(connection: connection, destination: Provider.busName, path: path, timeout: .seconds(120))
    }

    func proxy(_ path: String) throws -> DBusProxy {
        proxy(try ObjectPath(path))
    }

    // MARK: Packages

    /// `Import(s, a{sv})` on the package class: the new package's path.
    func importPackage(_ text: String, name: String? = nil) throws -> ObjectPath {
        try proxy(Provider.packageClassPath)
            .call(Provider.packageClassInterface, "Import", [.string(text), Self.options(name: name)])
            .decode(ObjectPath.self)
    }

    /// `Import`, suspending.
    func importPackage(_ text: String, name: String? = nil) async throws -> ObjectPath {
        try await proxy(Provider.packageClassPath)
            .call(Provider.packageClassInterface, "Import", [.string(text), Self.options(name: name)])
            .decode(ObjectPath.self)
    }

    /// `ImportFd(h, a{sv})` with the file at `path` opened read-only.
    func importFile(descriptorOf path: String, options: [String: DBusValue] = [:]) throws -> ObjectPath {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw DBusError.fileNotFound("cannot open \(path): errno \(errno)") }
        let file = UnixFileDescriptor(takingOwnershipOf: descriptor)
        return try proxy(Provider.packageClassPath)
            .call(Provider.packageClassInterface, "ImportFd", [.unixFD(file), .stringVariantDictionary(options)])
            .decode(ObjectPath.self)
    }

    static func options(name: String?) -> DBusValue {
        .stringVariantDictionary(name.map { ["Name": .string($0)] } ?? [:])
    }

    func sequenceXML(_ package: ObjectPath) throws -> String {
        try proxy(package).call(Provider.packageInterface, "GetSequence").decode(String.self)
    }

    func sequenceXML(_ package: ObjectPath) async throws -> String {
        try await proxy(package).call(Provider.packageInterface, "GetSequence").decode(String.self)
    }

    /// The package's sequence, parsed back into the model.
    func sequence(_ package: ObjectPath) throws -> TaskSequence {
        try TaskSequenceReader().sequence(fromXML: sequenceXML(package))
    }

    func packagePaths() throws -> [ObjectPath] {
        try proxy(Provider.packageClassPath).call(Provider.classInterface, "Enumerate").decode([ObjectPath].self)
    }

    // MARK: Properties

    func property(_ name: String, of interface: String, at path: ObjectPath) throws -> DBusValue {
        try proxy(path).property(name, of: interface).unwrappingVariant
    }

    func string(_ name: String, of interface: String, at path: ObjectPath) throws -> String {
        try property(name, of: interface, at: path).decode(String.self)
    }

    func paths(_ name: String, of interface: String, at path: ObjectPath) throws -> [ObjectPath] {
        try property(name, of: interface, at: path).decode([ObjectPath].self)
    }

    func set(_ name: String, of interface: String, at path: ObjectPath, to value: DBusValue) throws {
        try proxy(path).setProperty(name, of: interface, to: value)
    }

    func sourceVersion(_ package: ObjectPath) throws -> UInt32 {
        try property("SourceVersion", of: Provider.packageInterface, at: package).decode(UInt32.self)
    }

    /// The package's `Sequence` object.
    static func sequencePath(_ package: ObjectPath) throws -> ObjectPath {
        try package.appending("Sequence")
    }
}

/// What `GetSequence` must return for a file: its sequence in export form (secrets blank).
enum ExpectedXML {
    static func exportForm(of data: Data) throws -> String {
        try TaskSequenceWriter(form: .export).sequenceXML(TaskSequenceReader().document(from: data).sequence)
    }
}

/// A sequence small enough to write inline: one Restart step.
enum SmallSequence {
    static let restart = #"<sequence version="3.10"><step type="SMS_TaskSequence_RebootAction" name="Restart"><action>smsboot.exe /target:HD</action><defaultVarList><variable name="SMSRebootTarget" property="Target">HD</variable></defaultVarList></step></sequence>"#
}

import DBusKit

/// The provider's bus name, object paths and interface names (docs/dbus-api.md).
enum ProviderPaths {
    static let busName = "org.tsprovider.Provider1"
    static let root: ObjectPath = (try? ObjectPath("/org/tsprovider/Provider1")) ?? .root

    /// `/…/SMS_R_System/<ResourceID>`.
    static func computer(_ resourceID: UInt32) -> ObjectPath {
        classObject(ClassName.computer).appending(label: String(resourceID))
    }

    /// `/…/SMS_Collection/<CollectionID>`.
    static func collection(_ id: String) -> ObjectPath {
        classObject(ClassName.collection).appending(label: id)
    }

    /// `/…/SMS_Advertisement/<AdvertisementID>`.
    static func advertisement(_ id: String) -> ObjectPath {
        classObject(ClassName.advertisement).appending(label: id)
    }

    /// `/…/SMS_CollectionSettings/<CollectionID>`.
    static func collectionSettings(_ id: String) -> ObjectPath {
        classObject(ClassName.collectionSettings).appending(label: id)
    }

    /// `/…/SMS_MachineSettings/<ResourceID>`.
    static func machineSettings(_ resourceID: UInt32) -> ObjectPath {
        classObject(ClassName.machineSettings).appending(label: String(resourceID))
    }

    /// `/…/Provider1/<ClassName>`.
    static func classObject(_ name: String) -> ObjectPath {
        root.appending(fixed: name)
    }

    /// `/…/SMS_TaskSequencePackage/<PackageID>`.
    static func package(_ id: String) -> ObjectPath {
        classObject(ClassName.taskSequencePackage).appending(label: id)
    }

    /// `/…/SMS_TaskSequencePackage/<PackageID>/Sequence`.
    static func sequence(_ id: String) -> ObjectPath {
        package(id).appending(fixed: "Sequence")
    }

    /// `/…/SMS_TaskSequencePackage/<PackageID>/Steps/<StepID>`.
    static func step(_ packageID: String, _ stepID: Int64) -> ObjectPath {
        package(packageID).appending(fixed: "Steps").appending(label: String(stepID))
    }

    /// `/…/Steps/<StepID>/Condition`.
    static func condition(_ packageID: String, _ stepID: Int64) -> ObjectPath {
        step(packageID, stepID).appending(fixed: "Condition")
    }

    /// `/…/Steps/<StepID>/Condition/<OperandID>`.
    static func operand(_ packageID: String, _ stepID: Int64, _ operandID: Int64) -> ObjectPath {
        condition(packageID, stepID).appending(label: String(operandID))
    }

    /// The package ID of a package path (`/…/SMS_TaskSequencePackage/PS100004` → `PS100004`).
    static func packageID(of path: ObjectPath) -> String? {
        guard let elements = path.components(below: classObject(ClassName.taskSequencePackage)), elements.count == 1 else { return nil }
        return label(elements[0])
    }

    /// The step ID of a step path.
    static func stepID(of path: ObjectPath) -> Int64? {
        guard let elements = path.components(below: classObject(ClassName.taskSequencePackage)), elements.count == 3, elements[1] == "Steps" else { return nil }
        return Int64(elements[2])
    }

    /// The operand ID of an operand path.
    static func operandID(of path: ObjectPath) -> Int64? {
        guard let elements = path.components(below: classObject(ClassName.taskSequencePackage)), elements.count == 5, elements[3] == "Condition" else { return nil }
        return Int64(elements[4])
    }

    /// The label an element stands for: plain elements as they are, escaped ones unescaped.
    static func label(_ element: some StringProtocol) -> String {
        element.contains("_") ? ObjectPath.unescape(element) : String(element)
    }
}

/// Interface names, all under `org.tsprovider.Provider1`.
enum ProviderInterface {
    static let root = ProviderPaths.busName
    static let classObject = named("Class")
    static let packageClass = named("TaskSequencePackageClass")
    static let package = named(ClassName.taskSequencePackage)
    static let sequence = named(ClassName.taskSequence)
    static let step = named(ClassName.step)
    static let group = named(ClassName.group)
    static let action = named(ClassName.action)
    static let condition = named(ClassName.condition)
    static let expression = named(ClassName.conditionExpression)
    static let conditionOperator = named(ClassName.conditionOperator)
    static let userClassPermissions = named(ClassName.userClassPermissions)
    static let userInstancePermissions = named(ClassName.userInstancePermissions)
    static let computer = named(ClassName.computer)
    static let computerClass = named("ComputerClass")
    static let collection = named(ClassName.collection)
    static let collectionClass = named("CollectionClass")
    static let advertisement = named(ClassName.advertisement)
    static let collectionSettings = named(ClassName.collectionSettings)
    static let machineSettings = named(ClassName.machineSettings)

    static func named(_ name: String) -> String { "\(ProviderPaths.busName).\(name)" }
}

extension ObjectPath {
    /// This path with a fixed element (a class name, `Steps`), as the provider writes them
    /// unescaped; a name that is not a valid element leaves the path as it is.
    func appending(fixed element: String) -> ObjectPath {
        (try? appending(element)) ?? self
    }

    /// This path with one more element naming `label`, escaped as the provider escapes IDs
    /// (the contract's ``ProviderObjectPath/element(_:)``).
    func appending(label: String) -> ObjectPath {
        // A plain or escaped label is always a valid element.
        (try? appending(ProviderObjectPath.element(label))) ?? self
    }
}

import DBusKit
import ProviderCore
import Synchronization

/// The object paths the provider serves, and what each names.
///
/// ```
/// /org/tsprovider/Provider1                                   root
/// /org/tsprovider/Provider1/<ClassName>                       class object
/// …/SMS_TaskSequencePackage/<PackageID>                       package
/// …/SMS_TaskSequencePackage/<PackageID>/Sequence              its sequence
/// …/SMS_TaskSequencePackage/<PackageID>/Steps                 (a node holding the steps)
/// …/SMS_TaskSequencePackage/<PackageID>/Steps/<StepID>        step or group
/// …/Steps/<StepID>/Condition                                  the step's condition
/// …/Steps/<StepID>/Condition/<OperandID>                      an expression or operator
/// …/SMS_Package/<PackageID>                                   a referenced package
/// …/SMS_R_System/<ResourceID>                                 a computer
/// …/SMS_Collection/<CollectionID>                             a collection
/// …/SMS_Advertisement/<AdvertisementID>                     an advertisement
/// …/SMS_CollectionSettings/<CollectionID>                    a collection's variables
/// …/SMS_MachineSettings/<ResourceID>                         a computer's variables
/// …/SMS_UserClassPermissions/<ObjectKey/UserName>             class rights (label escaped)
/// …/SMS_UserInstancePermissions/<ObjectKey/InstanceKey/UserName>  instance rights
/// ```
///
/// A permission entry's label holds its keys joined by `/` (``PermissionEntry/pathLabel``), so
/// the path alone names the entry.
enum ProviderPath: Hashable, Sendable {
    case root
    case classObject(String)
    case object(ObjectReference)
    /// The `Steps` node of a package: no interfaces, only children.
    case steps(packageID: String)

    static let rootPath: ObjectPath = {
        // A literal, valid by construction.
        (try? ObjectPath("/org/tsprovider/Provider1")) ?? ObjectPath.root
    }()

    /// The path an object is served at.
    static func path(of reference: ObjectReference) -> ObjectPath {
        switch reference {
        case .class(let name): rootPath.appending(fixed: name)
        case .package(let id): packagePath(id)
        case .sequence(let id): packagePath(id).appending(fixed: "Sequence")
        case .step(let id, let step): stepPath(id, step)
        case .condition(let id, let step): stepPath(id, step).appending(fixed: "Condition")
        case .operand(let id, let step, let operand): stepPath(id, step).appending(fixed: "Condition").appending(label: String(operand))
        case .smsPackage(let id): rootPath.appending(fixed: ClassName.smsPackage).appending(label: id)
        case .computer(let id): rootPath.appending(fixed: ClassName.computer).appending(label: String(id))
        case .collection(let id): rootPath.appending(fixed: ClassName.collection).appending(label: id)
        case .advertisement(let id): rootPath.appending(fixed: ClassName.advertisement).appending(label: id)
        case .collectionSettings(let id): rootPath.appending(fixed: ClassName.collectionSettings).appending(label: id)
        case .machineSettings(let id): rootPath.appending(fixed: ClassName.machineSettings).appending(label: String(id))
        case .classPermission, .instancePermission: permissionPath(of: reference)
        }
    }

    /// A permission entry's path, as the contract's ``PermissionEntry/objectPath`` spells it.
    private static func permissionPath(of reference: ObjectReference) -> ObjectPath {
        guard let entry = PermissionEntry(reference) else { return rootPath }
        return rootPath.appending(fixed: entry.className).appending(label: entry.pathLabel)
    }

    /// Where packages are served: made once, as a query's reply names one path per row.
    private static let packagesPath = rootPath.appending(fixed: ClassName.taskSequencePackage)

    private static func packagePath(_ id: String) -> ObjectPath {
        packagesPath.appending(label: id)
    }

    private static func stepPath(_ id: String, _ step: Int64) -> ObjectPath {
        packagePath(id).appending(fixed: "Steps").appending(label: String(step))
    }

    /// Paths parsed lately, by text: every call parses the path it is addressed to, and clients
    /// address the same objects again and again (parsing showed at about a tenth of a property
    /// `Get`'s own instructions). The last one is kept beside the table: comparing a path
    /// costs less than hashing it, and calls often follow one another on one object. Bounded:
    /// emptied when full.
    private static let recentlyParsed = Mutex<RecentPaths>(RecentPaths())
    private static let recentlyParsedLimit = 4_096

    private struct RecentPaths {
        var last: (text: String, parsed: ProviderPath)?
        var table: [String: ProviderPath] = [:]
    }

    /// What `path` names, or `nil` for a path the provider has nothing at.
    init?(_ path: ObjectPath) {
        let known = Self.recentlyParsed.withLock { recent -> ProviderPath? in
            // Compared in place: binding the last pair would copy it, text and all.
            if recent.last?.text == path.rawValue { return recent.last?.parsed }
            guard let known = recent.table[path.rawValue] else { return nil }
            recent.last = (path.rawValue, known)
            return known
        }
        if let known {
            self = known
            return
        }
        guard let parsed = ProviderPath(parsing: path) else { return nil }
        Self.recentlyParsed.withLock { recent in
            if recent.table.count >= Self.recentlyParsedLimit { recent.table.removeAll(keepingCapacity: true) }
            recent.table[path.rawValue] = parsed
            recent.last = (path.rawValue, parsed)
        }
        self = parsed
    }

    private init?(parsing path: ObjectPath) {
        guard let components = path.components(below: Self.rootPath) else { return nil }
        // Class names and the fixed words are plain elements; IDs may be escaped.
        let elements = components.enumerated().map { $0.offset == 0 || $0.offset == 2 || $0.offset == 4 ? String($0.element) : PathLabel.label($0.element) }
        switch elements.count {
        case 0:
            self = .root
        case 1:
            self = .classObject(elements[0])
        case 2 where elements[0] == ClassName.taskSequencePackage:
            self = .object(.package(elements[1]))
        case 2 where elements[0] == ClassName.smsPackage:
            self = .object(.smsPackage(elements[1]))
        case 2 where elements[0] == ClassName.computer:
            guard let id = UInt32(elements[1]) else { return nil }
            self = .object(.computer(id))
        case 2 where elements[0] == ClassName.collection:
            self = .object(.collection(elements[1]))
        case 2 where elements[0] == ClassName.advertisement:
            self = .object(.advertisement(elements[1]))
        case 2 where elements[0] == ClassName.collectionSettings:
            self = .object(.collectionSettings(collectionID: elements[1]))
        case 2 where elements[0] == ClassName.machineSettings:
            guard let id = UInt32(elements[1]) else { return nil }
            self = .object(.machineSettings(resourceID: id))
        case 2 where elements[0] == ClassName.userClassPermissions || elements[0] == ClassName.userInstancePermissions:
            guard let entry = PermissionEntry(className: elements[0], pathLabel: elements[1]) else { return nil }
            self = .object(entry.reference)
        case 3 where elements[0] == ClassName.taskSequencePackage && elements[2] == "Sequence":
            self = .object(.sequence(packageID: elements[1]))
        case 3 where elements[0] == ClassName.taskSequencePackage && elements[2] == "Steps":
            self = .steps(packageID: elements[1])
        case 4 where elements[0] == ClassName.taskSequencePackage && elements[2] == "Steps":
            guard let step = Int64(elements[3]) else { return nil }
            self = .object(.step(packageID: elements[1], stepID: step))
        case 5 where elements[0] == ClassName.taskSequencePackage && elements[2] == "Steps" && elements[4] == "Condition":
            guard let step = Int64(elements[3]) else { return nil }
            self = .object(.condition(packageID: elements[1], stepID: step))
        case 6 where elements[0] == ClassName.taskSequencePackage && elements[2] == "Steps" && elements[4] == "Condition":
            guard let step = Int64(elements[3]), let operand = Int64(elements[5]) else { return nil }
            self = .object(.operand(packageID: elements[1], stepID: step, operandID: operand))
        default:
            return nil
        }
    }
}

import Foundation

/// What a right is held on: a whole class (every instance, present and future) or one instance.
public enum PermissionTarget: Sendable, Hashable, CustomStringConvertible {
    /// A class by name (`SMS_TaskSequencePackage`): class rights, `SMS_UserClassPermissions`.
    case `class`(String)
    /// One task sequence package by ID: instance rights, `SMS_UserInstancePermissions`.
    case package(String)
    /// One instance of another class, by its key (a referenced `SMS_Package` by PackageID …).
    case instance(className: String, key: String)

    /// Task sequence packages as a class.
    public static let taskSequencePackages = PermissionTarget.class("SMS_TaskSequencePackage")

    /// A target from text: a served class name (starting `SMS_`) is the class; `CLASS:KEY`
    /// (`SMS_Collection:PS100001`) or a relative path (`SMS_Collection.CollectionID="PS100001"`)
    /// one instance of that class; anything else a task sequence PackageID.
    public init(parsing text: String) {
        guard text.uppercased().hasPrefix("SMS_") else {
            self = .package(text)
            return
        }
        if let colon = text.firstIndex(of: ":") {
            self = Self.named(className: String(text[..<colon]), key: String(text[text.index(after: colon)...]))
        } else if let dot = text.firstIndex(of: "."), let equals = text.firstIndex(of: "="), dot < equals {
            let value = text[text.index(after: equals)...].trimmingCharacters(in: CharacterSet(charactersIn: "\"' "))
            self = Self.named(className: String(text[..<dot]), key: value)
        } else {
            self = .class(text)
        }
    }

    /// `.package` for a task sequence package, `.instance` otherwise.
    private static func named(className: String, key: String) -> PermissionTarget {
        className.lowercased() == ClassName.taskSequencePackage.lowercased() ? .package(key) : .instance(className: className, key: key)
    }

    /// The class the right is about.
    public var className: String {
        switch self {
        case .class(let name): name
        case .package: ClassName.taskSequencePackage
        case .instance(let className, _): className
        }
    }

    /// The instance key; `nil` for a class.
    public var instanceKey: String? {
        switch self {
        case .class: nil
        case .package(let id): id
        case .instance(_, let key): key
        }
    }

    /// The SMS object key (reference §6.1): 20 task sequence packages, 2 packages, 19 boot
    /// images …; `nil` for a class that has none.
    public var objectKey: UInt32? {
        Self.objectKeys[className.lowercased()]
    }

    static let objectKeys: [String: UInt32] = [
        "sms_collection": 1, "sms_package": 2, "sms_advertisement": 3, "sms_site": 6, "sms_query": 7,
        "sms_bootimagepackage": 19, "sms_tasksequencepackage": 20, "sms_driverpackage": 23,
    ]

    /// What `UserHasPermissions` takes: the class name, or the WMI relative path of the instance
    /// (`SMS_TaskSequencePackage.PackageID="PS100004"`).
    public var relativePath: String {
        switch self {
        case .class(let name): name
        case .package(let id): "\(ClassName.taskSequencePackage).PackageID=\"\(id)\""
        case .instance(let className, let key): "\(className).\(Self.keyName(of: className))=\"\(key)\""
        }
    }

    /// The key property of a secured class's instances.
    static func keyName(of className: String) -> String {
        switch className.lowercased() {
        case "sms_collection": "CollectionID"
        case "sms_advertisement": "AdvertisementID"
        default: "PackageID"
        }
    }

    /// `class SMS_TaskSequencePackage` or `package PS100004`.
    public var description: String {
        switch self {
        case .class(let name): "class \(name)"
        case .package(let id): "package \(id)"
        case .instance(let className, let key): "\(className) \(key)"
        }
    }
}

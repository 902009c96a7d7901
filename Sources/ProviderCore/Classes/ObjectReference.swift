/// A served object, independent of how it is addressed on the bus.
public enum ObjectReference: Sendable, Hashable {
    /// A class object (`/…/Provider1/<ClassName>`).
    case `class`(String)
    /// A task sequence package.
    case package(String)
    /// A package's sequence.
    case sequence(packageID: String)
    /// A step or group of a package's sequence.
    case step(packageID: String, stepID: Int64)
    /// A step's condition.
    case condition(packageID: String, stepID: Int64)
    /// An operand (expression or operator) of a step's condition.
    case operand(packageID: String, stepID: Int64, operandID: Int64)
    /// A package that sequences reference.
    case smsPackage(String)
    /// A computer (`SMS_R_System`), by ResourceID.
    case computer(UInt32)
    /// A collection (`SMS_Collection`), by CollectionID.
    case collection(String)
    /// A deployment of a task sequence to a collection (`SMS_Advertisement`).
    case advertisement(String)
    /// The variables of a collection (`SMS_CollectionSettings`).
    case collectionSettings(collectionID: String)
    /// The variables of a computer (`SMS_MachineSettings`).
    case machineSettings(resourceID: UInt32)
    /// A principal's rights on a whole class (`SMS_UserClassPermissions`).
    case classPermission(principal: String, objectKey: UInt32)
    /// A principal's rights on one instance (`SMS_UserInstancePermissions`).
    case instancePermission(principal: String, objectKey: UInt32, instanceKey: String)

    /// The task sequence package this object belongs to, whose rights guard it.
    public var owningPackageID: String? {
        switch self {
        case .package(let id), .sequence(let id), .step(let id, _), .condition(let id, _), .operand(let id, _, _): id
        case .class, .smsPackage, .computer, .collection, .classPermission, .instancePermission, .advertisement, .collectionSettings, .machineSettings: nil
        }
    }

    /// The WMI relative path (`SMS_TaskSequencePackage.PackageID="PS100004"`).
    public var relativePath: String {
        switch self {
        case .class(let name): name
        case .package(let id): "\(ClassName.taskSequencePackage).PackageID=\"\(id)\""
        case .sequence(let id): "\(ClassName.taskSequence).PackageID=\"\(id)\""
        case .step(let id, let step): "\(ClassName.step).PackageID=\"\(id)\",StepID=\(step)"
        case .condition(let id, let step): "\(ClassName.condition).PackageID=\"\(id)\",StepID=\(step)"
        case .operand(let id, let step, let operand): "\(ClassName.conditionOperand).PackageID=\"\(id)\",StepID=\(step),OperandID=\(operand)"
        case .smsPackage(let id): "\(ClassName.smsPackage).PackageID=\"\(id)\""
        case .computer(let id): "\(ClassName.computer).ResourceID=\(id)"
        case .collection(let id): "\(ClassName.collection).CollectionID=\"\(id)\""
        case .advertisement(let id): "\(ClassName.advertisement).AdvertisementID=\"\(id)\""
        case .collectionSettings(let id): "\(ClassName.collectionSettings).CollectionID=\"\(id)\""
        case .machineSettings(let id): "\(ClassName.machineSettings).ResourceID=\(id)"
        // Keys in alphabetical order, as WMI writes them.
        case .classPermission(let principal, let key): "\(ClassName.userClassPermissions).ObjectKey=\(key),UserName=\"\(principal)\""
        case .instancePermission(let principal, let key, let instance):
            "\(ClassName.userInstancePermissions).InstanceKey=\"\(instance)\",ObjectKey=\(key),UserName=\"\(principal)\""
        }
    }
}

import TaskSequenceModel

/// The WMI class names the provider serves, spelled once for the service, the SDK, tsctl and
/// tsstress.
public enum ClassName {
    /// A task sequence package: the object a client creates, imports, edits and deploys.
    public static let taskSequencePackage = "SMS_TaskSequencePackage"
    /// The sequence of a package, as an object.
    public static let taskSequence = "SMS_TaskSequence"
    /// The base class of every step.
    public static let step = StepClass.step
    /// A group of steps.
    public static let group = StepClass.group
    /// The base class of every action.
    public static let action = StepClass.action
    /// A step's condition.
    public static let condition = ConditionClass.condition
    /// The base class of a condition's operands.
    public static let conditionOperand = ConditionClass.operand
    /// An `and`/`or`/`not` operator of a condition.
    public static let conditionOperator = ConditionClass.conditionOperator
    /// The base class of a condition's expressions.
    public static let conditionExpression = ConditionClass.expression
    /// A software package that steps reference.
    public static let smsPackage = "SMS_Package"
    /// The base class of packages.
    public static let packageBaseClass = "SMS_PackageBaseclass"
    /// A principal's rights on a whole class.
    public static let userClassPermissions = "SMS_UserClassPermissions"
    /// A principal's rights on one instance.
    public static let userInstancePermissions = "SMS_UserInstancePermissions"
    /// A package a task sequence references.
    public static let packageReference = "SMS_TaskSequencePackageReference"
    /// A package reference, one row per referencing package.
    public static let packageReferenceFlat = "SMS_TaskSequencePackageReference_Flat"
    /// What a task sequence references, summed up.
    public static let referencesInfo = "SMS_TaskSequenceReferencesInfo"
    /// A computer.
    public static let computer = "SMS_R_System"
    /// The base class of computers.
    public static let resourceBaseClass = "SMS_Resource"
    /// A collection of computers.
    public static let collection = "SMS_Collection"
    /// A computer's membership in a collection.
    public static let fullCollectionMembership = "SMS_FullCollectionMembership"
    /// A collection's subcollection.
    public static let collectToSubCollect = "SMS_CollectToSubCollect"
    /// A computer association for user state migration.
    public static let stateMigration = "SMS_StateMigration"
    /// A deployment of a task sequence to a collection.
    public static let advertisement = "SMS_Advertisement"
    /// The settings of a collection: its task sequence variables.
    public static let collectionSettings = "SMS_CollectionSettings"
    /// The settings of one computer: its task sequence variables.
    public static let machineSettings = "SMS_MachineSettings"
    /// A variable of a collection (embedded in SMS_CollectionSettings).
    public static let collectionVariable = "SMS_CollectionVariable"
    /// A variable of a computer (embedded in SMS_MachineSettings).
    public static let machineVariable = "SMS_MachineVariable"
}

import TaskSequenceModel

/// The WMI class names the provider serves.
public enum ClassName {
    public static let taskSequencePackage = "SMS_TaskSequencePackage"
    public static let taskSequence = "SMS_TaskSequence"
    public static let step = StepClass.step
    public static let group = StepClass.group
    public static let action = StepClass.action
    public static let condition = ConditionClass.condition
    public static let conditionOperand = ConditionClass.operand
    public static let conditionOperator = ConditionClass.conditionOperator
    public static let conditionExpression = ConditionClass.expression
    public static let smsPackage = "SMS_Package"
    public static let packageBaseClass = "SMS_PackageBaseclass"
    public static let userClassPermissions = "SMS_UserClassPermissions"
    public static let userInstancePermissions = "SMS_UserInstancePermissions"
    public static let packageReference = "SMS_TaskSequencePackageReference"
    public static let packageReferenceFlat = "SMS_TaskSequencePackageReference_Flat"
    public static let referencesInfo = "SMS_TaskSequenceReferencesInfo"
    public static let computer = "SMS_R_System"
    public static let resourceBaseClass = "SMS_Resource"
    public static let collection = "SMS_Collection"
    public static let fullCollectionMembership = "SMS_FullCollectionMembership"
    public static let collectToSubCollect = "SMS_CollectToSubCollect"
    public static let stateMigration = "SMS_StateMigration"
}

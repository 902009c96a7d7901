extension ClassName {
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

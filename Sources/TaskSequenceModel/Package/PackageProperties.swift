/// The properties of an SMS_TaskSequencePackage (reference §2.2–2.3) apart from its sequence.
///
/// Defaults are the ones ConfigMgr gives a new task sequence package.
public struct PackageProperties: Sendable, Hashable, Codable {
    /// Key: site code plus five hex digits (`PS100004`); empty until the provider assigns one.
    public var packageID: String = ""
    public var name: String = ""
    public var description: String = ""
    public var version: String = ""
    public var manufacturer: String = ""
    public var language: String = ""
    public var category: String = ""
    /// PackageID of the boot image the sequence uses, if any.
    public var bootImageID: String = ""
    /// Approximate run time in minutes.
    public var duration: UInt32 = 0
    /// Program flags bit field; default 0x0910A010.
    public var programFlags: UInt32 = PackageProperties.defaultProgramFlags
    /// `<PackageID>;;<ProgramName>` of a program to run first.
    public var dependentProgram: String = ""
    public var customProgressMessage: String = ""
    /// 1 = generic task sequence, 2 = operating system deployment (derived from the sequence).
    public var type: UInt32 = 1
    /// Bit 0 DANGLING_REF: the sequence references a package the site does not have.
    public var taskSequenceFlags: UInt32 = 0
    /// Packages, programs and applications the sequence references (derived from the sequence).
    public var references: [PackageReference] = []
    /// Incremented on every saved change.
    public var sourceVersion: UInt32 = 0
    /// Seconds since the Unix epoch of the last saved change (CIM datetime on export).
    public var sourceDate: Int64 = 0
    public var lastRefreshTime: Int64 = 0
    /// Site code of the site that owns the package.
    public var sourceSite: String = ""
    /// Always 4 for task sequence packages.
    public var packageType: UInt32 = 4
    /// Size of the package icon; 0 when there is none.
    public var iconSize: UInt32 = 0

    public init() {}

    public var referencesCount: UInt32 { UInt32(clamping: references.count) }

    /// ConfigMgr's default ProgramFlags for a task sequence package.
    public static let defaultProgramFlags: UInt32 = 0x0910_A010
    /// TaskSequenceFlags bit: a referenced package is not defined on the site.
    public static let danglingReferenceFlag: UInt32 = 0x1
    /// ProgramFlags bit that disables the task sequence.
    public static let disabledProgramFlag: UInt32 = 0x1000
}

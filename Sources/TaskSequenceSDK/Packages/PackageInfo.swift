import DBusKit

/// What a task sequence package (`SMS_TaskSequencePackage`) looks like at one moment: its
/// properties, read in one round trip.
///
/// The property names and meanings are WMI's (reference §2.2–2.3), and so are the JSON keys
/// (`PackageID`, `Name`, `SourceVersion` …), so `tsctl package show --json` and `busctl` agree.
/// Change a package through its ``PackageHandle``; this value does not follow later changes.
public struct PackageInfo: Sendable, Hashable, Codable {
    /// The key: the site code plus five hex digits (`PS100004`).
    public var packageID: String
    /// The name shown in the console (up to 255 characters).
    public var name: String
    /// The description.
    public var description: String
    /// Version text.
    public var version: String
    /// Manufacturer.
    public var manufacturer: String
    /// Language.
    public var language: String
    /// Category.
    public var category: String
    /// The boot image package the sequence runs in, or empty.
    public var bootImageID: String
    /// Estimated run time in minutes.
    public var duration: UInt32
    /// The program flags (default 152084496).
    public var programFlags: UInt32
    /// `PackageID;;Program` of a program to run first, or empty.
    public var dependentProgram: String
    /// The text shown while the sequence runs, or empty.
    public var customProgressMessage: String
    /// 1 for a generic task sequence, 2 for one that deploys an operating system (computed).
    public var type: UInt32
    /// Bit 0: a step references a package that does not exist (computed).
    public var taskSequenceFlags: UInt32
    /// The packages and programs the steps reference (computed).
    public var references: [PackageReferenceInfo]
    /// How many references there are.
    public var referencesCount: UInt32
    /// Bumped by every change to the sequence; pass it to
    /// ``PackageHandle/setSequenceXML(_:expectingSourceVersion:)`` to detect concurrent edits.
    public var sourceVersion: UInt32
    /// When the sequence last changed, as a CIM datetime (`20240131120000.000000+000`).
    public var sourceDate: String
    /// When the content was last refreshed, as a CIM datetime, or empty.
    public var lastRefreshTime: String
    /// The site that owns the package.
    public var sourceSite: String
    /// Always 4: a task sequence package.
    public var packageType: UInt32

    /// The property names as JSON keys: WMI's.
    enum CodingKeys: String, CodingKey {
        case packageID = "PackageID", name = "Name", description = "Description", version = "Version"
        case manufacturer = "Manufacturer", language = "Language", category = "Category", bootImageID = "BootImageID"
        case duration = "Duration", programFlags = "ProgramFlags", dependentProgram = "DependentProgram"
        case customProgressMessage = "CustomProgressMsg", type = "Type", taskSequenceFlags = "TaskSequenceFlags"
        case references = "References", referencesCount = "ReferencesCount", sourceVersion = "SourceVersion"
        case sourceDate = "SourceDate", lastRefreshTime = "LastRefreshTime", sourceSite = "SourceSite", packageType = "PackageType"
    }

    /// Whether the sequence deploys an operating system (``type`` 2).
    public var deploysOperatingSystem: Bool { type == 2 }

    init(_ properties: OrderedProperties) {
        packageID = properties.string("PackageID")
        name = properties.string("Name")
        description = properties.string("Description")
        version = properties.string("Version")
        manufacturer = properties.string("Manufacturer")
        language = properties.string("Language")
        category = properties.string("Category")
        bootImageID = properties.string("BootImageID")
        duration = properties.uint32("Duration")
        programFlags = properties.uint32("ProgramFlags")
        dependentProgram = properties.string("DependentProgram")
        customProgressMessage = properties.string("CustomProgressMsg")
        type = properties.uint32("Type")
        taskSequenceFlags = properties.uint32("TaskSequenceFlags")
        references = PackageReferenceInfo.list(properties["References"])
        referencesCount = properties.uint32("ReferencesCount")
        sourceVersion = properties.uint32("SourceVersion")
        sourceDate = properties.string("SourceDate")
        lastRefreshTime = properties.string("LastRefreshTime")
        sourceSite = properties.string("SourceSite")
        packageType = properties.uint32("PackageType")
    }
}

/// One entry of a package's `References`: a package and program a step uses, or an application.
public struct PackageReferenceInfo: Sendable, Hashable, Codable {
    /// The referenced package ID.
    public var package: String
    /// The program of that package, or empty.
    public var program: String
    /// The application, or empty.
    public var application: String

    enum CodingKeys: String, CodingKey {
        case package = "Package", program = "Program", application = "Application"
    }

    /// A reference.
    public init(package: String, program: String = "", application: String = "") {
        self.package = package
        self.program = program
        self.application = application
    }

    static func list(_ value: DBusValue?) -> [PackageReferenceInfo] {
        guard case .list(let entries)? = value.map({ PropertyValue($0) }) else { return [] }
        return entries.compactMap { entry in
            guard case .list(let fields) = entry, fields.count == 3 else { return nil }
            return PackageReferenceInfo(package: fields[0].text, program: fields[1].text, application: fields[2].text)
        }
    }
}

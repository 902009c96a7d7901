/// The package properties a client can change (the rest are computed by the provider): the one
/// list the service accepts and the SDK and tsctl offer. Raw values are the WMI names.
///
/// ```swift
/// try package.set(.description, to: "Windows 11 23H2, English")
/// try package.update([.name: "Win11 Enterprise", .duration: 90])
/// ```
public enum PackageProperty: String, CaseIterable, Sendable, Hashable, Codable {
    /// `Name` (up to 255 characters; the console shows 50).
    case name = "Name"
    /// `Description`.
    case description = "Description"
    /// `Version`.
    case version = "Version"
    /// `Manufacturer`.
    case manufacturer = "Manufacturer"
    /// `Language`.
    case language = "Language"
    /// `Category`.
    case category = "Category"
    /// `BootImageID`: the boot image package.
    case bootImageID = "BootImageID"
    /// `Duration` in minutes.
    case duration = "Duration"
    /// `ProgramFlags`.
    case programFlags = "ProgramFlags"
    /// `DependentProgram`: `PackageID;;Program`.
    case dependentProgram = "DependentProgram"
    /// `CustomProgressMsg`.
    case customProgressMessage = "CustomProgressMsg"
    /// `Priority`: the send priority.
    case priority = "Priority"
    /// `PkgFlags`: package flag bits.
    case pkgFlags = "PkgFlags"
    /// `TsEnabled`: whether the sequence may run (the SDK's `PackageHandle.enable()` and
    /// `disable()` say it more plainly); ProgramFlags' DISABLED bit follows.
    case tsEnabled = "TsEnabled"

    /// The property whose WMI name is `name`, in any case (`description`, `CustomProgressMsg`).
    public init?(named name: String) {
        guard let property = Self.allCases.first(where: { $0.rawValue.lowercased() == name.lowercased() }) else { return nil }
        self = property
    }
}

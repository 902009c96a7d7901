/// A step's own writable properties (an action's settings are written by their own names).
/// Raw values are the WMI and D-Bus property names: what the service accepts in `SetProperties`
/// and `SetStepProperties`, and what the SDK writes.
public enum StepProperty: String, CaseIterable, Sendable, Hashable {
    /// `Name` (1–100 characters).
    case name = "Name"
    /// `Description` (0–255 characters).
    case description = "Description"
    /// `Enabled`.
    case enabled = "Enabled"
    /// `ContinueOnError`.
    case continueOnError = "ContinueOnError"
    /// `SupportedEnvironment` (actions): `WinPE`, `FullOS` or `WinPEandFullOS`.
    case supportedEnvironment = "SupportedEnvironment"
    /// `Timeout` in seconds (actions).
    case timeout = "Timeout"

    /// The property whose name is `name`, in any case (WMI names are case-insensitive).
    public init?(named name: String) {
        guard let property = Self.allCases.first(where: { $0.rawValue.lowercased() == name.lowercased() }) else { return nil }
        self = property
    }
}

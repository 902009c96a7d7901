/// A task sequence variable set on a collection (`SMS_CollectionVariable`) or on one computer
/// (`SMS_MachineVariable`), reference §5 and §9.
///
/// A masked variable's value is write-only: ``redacted`` is what leaves the service.
///
/// The service stores and serves it, the SDK reads and sets it: JSON `Name`, `Value`,
/// `IsMasked` (`tsctl var list --json`).
public struct DeploymentVariable: Sendable, Hashable, Codable {
    /// The name as it was first written; names compare without case.
    public var name: String
    public var value: String
    /// Whether the value is write-only (IsMasked).
    public var isMasked: Bool

    public init(name: String, value: String, isMasked: Bool = false) {
        self.name = name
        self.value = value
        self.isMasked = isMasked
    }

    private enum CodingKeys: String, CodingKey {
        case name = "Name", value = "Value", isMasked = "IsMasked"
    }

    /// The variable as it may be shown: a masked value is empty.
    public var redacted: DeploymentVariable {
        isMasked ? DeploymentVariable(name: name, value: "", isMasked: true) : self
    }
}

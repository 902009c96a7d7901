import DBusKit
import ProviderCore
import TaskSequenceModel

/// The root object.
struct RootModel: Sendable {
    let bus: ProviderBus
}

/// A class object (`/…/Provider1/<ClassName>`).
struct ClassModel: Sendable {
    let bus: ProviderBus
    let name: String
}

/// A task sequence package, or its sequence.
struct PackageModel: Sendable {
    let bus: ProviderBus
    let packageID: String
    /// The properties as the resolver read them for this call, so a `Get` reads them once.
    var resolved: PackageProperties? = nil
    /// ImportWarnings as a listing read them for every package at once.
    var resolvedImportWarnings: [String]? = nil
}

/// A step or group, or its condition.
struct StepModel: Sendable {
    let bus: ProviderBus
    let packageID: String
    let stepID: Int64
    /// The step as the resolver read it for this call, so its properties are read once.
    var resolved: StoredStepInfo? = nil
    /// The whole package as one read saw it, when the step is listed with all the others.
    var tree: PackageTree? = nil
}

/// An operand of a step's condition.
struct OperandModel: Sendable {
    let bus: ProviderBus
    let packageID: String
    let stepID: Int64
    let operandID: Int64
    /// The operand as the resolver read it for this call.
    var resolved: OperandInfo? = nil
}

/// A package that sequences reference.
struct SMSPackageModel: Sendable {
    let bus: ProviderBus
    let packageID: String
}

/// Names of the provider's interfaces: `org.tsprovider.Provider1.<Name>`.
enum InterfaceName {
    static func named(_ name: String) -> String { "\(ProviderBus.busName).\(name)" }
}

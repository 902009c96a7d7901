import DBusKit
import ProviderCore
import TaskSequenceModel

/// An advertisement (`SMS_Advertisement`).
struct AdvertisementModel: Sendable {
    let bus: ProviderBus
    let advertisementID: String
    /// The row as the resolver read it for this call.
    var resolved: Advertisement? = nil

    func row(_ context: CallerContext) throws -> Advertisement {
        try resolved ?? bus.service.advertisement(advertisementID, for: bus.caller(context))
    }

    func set(_ property: AdvertisementProperty, _ value: DBusValue, _ context: CallerContext) throws {
        guard let text = ValueConversion.text(value) else { throw DBusError.invalidArgs("\(property.rawValue) takes a basic value") }
        try bus.service.modifyAdvertisement(advertisementID, changes: [(property.rawValue, text)], for: bus.caller(context))
    }
}

/// The variables of a collection (`SMS_CollectionSettings`) or a computer (`SMS_MachineSettings`).
struct SettingsModel: Sendable {
    let bus: ProviderBus
    let owner: VariableOwner

    /// The variables as `a(ssb)`: name, value (empty when masked), masked.
    func variables(_ context: CallerContext) throws -> DBusValue {
        let variables = try bus.service.variables(of: owner, for: bus.caller(context))
        return .array(Self.variableType, variables.map { .structure([.string($0.name), .string($0.value), .boolean($0.isMasked)]) })
    }

    static let variableType = DBusType.structure([.string, .string, .boolean])
}

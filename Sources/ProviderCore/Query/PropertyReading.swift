import ProviderStore
import TaskSequenceModel

/// How one property reads for rows of one class: its storage, its type in queries, and what
/// queries may do with it.
struct PropertyReading: Sendable, Hashable {
    /// The property's name as the schema spells it.
    var name: String
    var storage: ValueStorage
    /// `nil` for values that are not scalars.
    var type: QueryValueType?
    var isSecret: Bool
    var isLazy: Bool

    /// Whether results carry the value: secrets never leave the provider, and WMI leaves lazy
    /// properties out of queries (a get by path returns them).
    func isReturned(includingLazy: Bool) -> Bool {
        guard type != nil, !isSecret, includingLazy || !isLazy else { return false }
        switch storage {
        case .absent, .unqueryable, .presence: return false
        case .column, .setting, .settingOrColumn, .expressionProperty, .attribute: return true
        }
    }

    /// Why WHERE and ORDER BY may not use the property, or `nil` when they may.
    var filterProblem: String? {
        if isSecret { return "is a secret; queries cannot compare it, so its value cannot be probed" }
        if case .presence = storage { return "is an embedded object; queries can only test it with IS NULL or IS NOT NULL" }
        guard type != nil, storage != .unqueryable else { return "is an array or embedded object; queries compare only single values" }
        if isLazy, storage == .absent { return "is lazy and not kept in queryable form; read it from the object itself" }
        return nil
    }

    /// A key column the provider adds (PackageID, StepID …).
    init(key: ProviderCatalog.Key, storage: ValueStorage) {
        name = key.name
        self.storage = storage
        type = key.type
        isSecret = false
        isLazy = false
    }

    /// `definition` as kept in `storage`.
    init(definition: PropertyDefinition, storage: ValueStorage) {
        name = definition.name
        self.storage = storage
        isSecret = definition.isSecret || definition.secrecy == .secretRuleVariables
        isLazy = definition.isLazy
        type = Self.type(of: definition.type, in: storage)
    }

    private static func type(of cimType: CIMType, in storage: ValueStorage) -> QueryValueType? {
        guard !cimType.isArray, storage != .unqueryable else { return nil }
        let typedColumn: Bool
        switch storage {
        case .column, .absent: typedColumn = true
        case .setting, .settingOrColumn, .expressionProperty, .attribute: typedColumn = false
        case .unqueryable, .presence: return nil
        }
        switch cimType.base {
        case .string: return .string
        case .boolean: return .boolean
        case .uint8, .uint32: return .uint32
        case .sint32: return .sint32
        // The provider keeps its own datetimes as seconds; XML keeps them as written.
        case .datetime: return typedColumn ? .dateTime : .string
        case .object: return nil
        }
    }
}

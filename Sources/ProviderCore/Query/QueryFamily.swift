import ProviderStore
import TaskSequenceModel

/// A group of served classes whose instances live in the same rows of the store — every step
/// class, every condition operand class, the package — and how queries read them: the classes,
/// each row's concrete class, the objects rows are, and (from the store's ``QuerySource``)
/// where each property is kept and whose Read right guards the rows.
///
/// Queries are polymorphic like WMI: `FROM` a class covers the rows of that class and of every
/// class deriving from it. Rows of classes the catalog does not know (custom actions, unknown
/// expressions) behave as ``fallbackClass``.
struct QueryFamily: Sendable {
    /// The known classes of the family's rows, canonical names.
    var classes: [String]
    /// The class a row of an unknown class behaves as; `nil` when rows always have known classes.
    var fallbackClass: String?
    /// Where the store keeps the rows.
    var source: QuerySource
    /// The object a row is, from its reference columns (``QuerySource/referenceColumnCount``).
    var makeReference: @Sendable ([SQLValue]) -> ObjectReference?
    /// A row's `__RELPATH` when it is not its reference's (the query-only views, whose
    /// reference is the task sequence they describe).
    var makeRelativePath: (@Sendable ([SQLValue]) -> String?)? = nil

    private var catalog: ActionCatalog { ProviderCatalog.catalog }

    func serves(_ className: String) -> Bool {
        classes.contains(className)
    }

    // MARK: Row classes

    /// The class to report for a row whose stored class is `stored` (canonical when known), and
    /// the class whose properties the row has.
    func rowClass(stored: String?) -> (reported: String, effective: String) {
        guard let stored, source.hasClassColumn else {
            let only = classes.first ?? ""
            return (only, only)
        }
        if let known = catalog[stored]?.name, serves(known) {
            return (known, known)
        }
        return (stored, fallbackClass ?? stored)
    }

    /// The known classes that are `className` or derive from it, and whether rows of unknown
    /// classes count too.
    func scope(of className: String) -> (classes: [String], includesUnknown: Bool) {
        let derived = classes.filter { catalog.isClass($0, derivedFrom: className) }
        let unknown = fallbackClass.map { catalog.isClass($0, derivedFrom: className) } ?? false
        return (derived, unknown)
    }

    /// The condition that a row's class is one of `included` (or unknown, when
    /// `includingUnknown`); `nil` when every row of the family qualifies.
    func membership(_ included: Set<String>, includingUnknown: Bool) -> QueryCondition? {
        guard source.hasClassColumn else {
            return included.contains(classes.first ?? "") ? nil : .never
        }
        if includingUnknown {
            let excluded = classes.filter { !included.contains($0) }
            return excluded.isEmpty ? nil : .rowClassIn(excluded, excluding: true)
        }
        let members = classes.filter { included.contains($0) }
        return members.isEmpty ? .never : .rowClassIn(members, excluding: false)
    }

    /// The condition that a row is of class `className` or derives from it (`ISA`).
    func isa(_ className: String) -> QueryCondition? {
        let scope = scope(of: className)
        return membership(Set(scope.classes), includingUnknown: scope.includesUnknown)
    }

    // MARK: Properties

    /// How property `name` (case-insensitive) reads for rows of `className`, the family's keys
    /// first; `nil` when the class has no such property.
    func reading(_ name: String, forRowsOf className: String) -> PropertyReading? {
        if let key = ProviderCatalog.keys(of: className).first(where: { $0.name.equalsIgnoringCase(name) }),
           let storage = source.keyStorage(key.name) {
            return PropertyReading(key: key, storage: storage)
        }
        guard let definition = ProviderCatalog.property(name, of: className) else { return nil }
        return PropertyReading(definition: definition, storage: storage(of: definition))
    }

    /// Every property of `className` in schema order, as rows of that class read them.
    func readings(forRowsOf className: String) -> [PropertyReading] {
        let keys = ProviderCatalog.keys(of: className).compactMap { key in
            source.keyStorage(key.name).map { PropertyReading(key: key, storage: $0) }
        }
        return keys + ProviderCatalog.properties(of: className).map { PropertyReading(definition: $0, storage: storage(of: $0)) }
    }

    /// Where the store keeps `definition`; an action setting under the name steps keep it by.
    private func storage(of definition: PropertyDefinition) -> ValueStorage {
        let storage = source.storage(of: definition)
        if case .setting(let property, let variable) = storage {
            return .setting(property: ProviderCatalog.catalogName(of: property), variable: variable)
        }
        return storage
    }
}

import ProviderStore
import TaskSequenceModel

/// A group of served classes whose instances live in the same table — every step class, every
/// condition operand class, the package — and how queries read them: the rows, each row's
/// concrete class, the key columns, where each property is kept, and whose Read right guards
/// the rows.
///
/// Queries are polymorphic like WMI: `FROM` a class covers the rows of that class and of every
/// class deriving from it. Rows of classes the catalog does not know (custom actions, unknown
/// expressions) behave as ``fallbackClass``.
struct QueryFamily: Sendable {
    /// Whose Read right decides which rows a caller sees.
    enum Guard: Sendable {
        /// The task sequence package in `column` (packages, sequences, steps, conditions).
        case taskSequencePackage(column: String)
        /// The SMS_Package in `column`.
        case smsPackage(column: String)
        /// The collection in `column`.
        case collection(column: String)
        /// The computer (ResourceID) in `column`, read through the collections it is in.
        case computer(column: String)
        /// The instance of secured class `secured` whose key is in `column` (advertisements).
        case securedInstance(SecuredClass, column: String)
        /// The policy's rule for permission entries, over the unqualified columns `userName`,
        /// `objectKey` and `instanceKey` (`instances`) of the family's one table.
        case permissionEntries(instances: Bool)
    }

    /// A `LEFT JOIN … ON condition` (trusted SQL) and whose Read right guards the joined row.
    struct GuardedJoin: Sendable {
        var join: QuerySQL
        var guardedBy: Guard
    }

    /// The `FROM` clause with its guarded joins restricted by `readable` (the caller's Read
    /// filter for a guard; `nil`: every row).
    func fromClause(_ readable: (Guard) throws -> QuerySQL?) throws -> QuerySQL {
        var sql = QuerySQL(sql: table)
        for join in guardedJoins {
            sql += " \(join.join)"
            if let restriction = try readable(join.guardedBy) { sql += " AND (\(restriction))" }
        }
        return sql
    }

    /// What extra rows hold values a row's properties need, fetched for the rows found.
    enum Details: Sendable {
        /// Action settings (`stepVariable`) of the step whose ID is reference column `idColumn`.
        case stepSettings(idColumn: Int)
        /// Expression properties (`conditionProperty`) of the operand in reference column `idColumn`.
        case expressionProperties(idColumn: Int)
    }

    /// The known classes of the family's rows, canonical names.
    var classes: [String]
    /// The class a row of an unknown class behaves as; `nil` when rows always have known classes.
    var fallbackClass: String?
    /// The `FROM` clause (trusted SQL, with aliases).
    var table: String
    /// Joins after `table` whose rows the caller must be able to read for their columns to show
    /// (the referenced package of a reference view); an unreadable one joins nothing, so its
    /// columns read NULL.
    var guardedJoins: [GuardedJoin] = []
    /// Conditions every row of the family meets.
    var baseConditions: [QuerySQL] = []
    /// The column holding a row's class; `nil` for a family of one class.
    var classColumn: String?
    /// The provider's keys (``ProviderCatalog/keys(of:)``) and the columns holding them.
    var keyColumns: [String: String] = [:]
    /// The columns that identify a row, in the order ``makeReference`` reads them.
    var referenceColumns: [String]
    var makeReference: @Sendable ([SQLValue]) -> ObjectReference?
    /// A row's `__RELPATH` when it is not its reference's (the query-only views, whose
    /// reference is the task sequence they describe).
    var makeRelativePath: (@Sendable ([SQLValue]) -> String?)? = nil
    var guardedBy: Guard
    /// The order of rows when the query gives none, and after the keys it gives.
    var defaultOrder: [String]
    /// Where the family keeps a property of the catalog.
    var storage: @Sendable (PropertyDefinition) -> ValueStorage
    var details: Details?

    private var catalog: ActionCatalog { ProviderCatalog.catalog }

    func serves(_ className: String) -> Bool {
        classes.contains(className)
    }

    // MARK: Row classes

    /// The class to report for a row whose stored class is `stored` (canonical when known), and
    /// the class whose properties the row has.
    func rowClass(stored: String?) -> (reported: String, effective: String) {
        guard let stored, classColumn != nil else {
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
    func membership(_ included: Set<String>, includingUnknown: Bool) -> QuerySQL? {
        guard let classColumn else {
            return included.contains(classes.first ?? "") ? nil : QuerySQL(.never)
        }
        let column = QuerySQL(.caseless(QuerySQL(sql: classColumn)))
        if includingUnknown {
            let excluded = classes.filter { !included.contains($0) }
            return excluded.isEmpty ? nil : "\(column) NOT IN \(excluded)"
        }
        let members = classes.filter { included.contains($0) }
        return members.isEmpty ? QuerySQL(.never) : "\(column) IN \(members)"
    }

    /// The condition that a row is of class `className` or derives from it (`ISA`).
    func isa(_ className: String) -> QuerySQL? {
        let scope = scope(of: className)
        return membership(Set(scope.classes), includingUnknown: scope.includesUnknown)
    }

    // MARK: Properties

    /// How property `name` (case-insensitive) reads for rows of `className`, the family's keys
    /// first; `nil` when the class has no such property.
    func reading(_ name: String, forRowsOf className: String) -> PropertyReading? {
        if let key = ProviderCatalog.keys(of: className).first(where: { $0.name.equalsIgnoringCase(name) }),
           let column = keyColumns[key.name] {
            return PropertyReading(key: key, column: column)
        }
        guard let definition = ProviderCatalog.property(name, of: className) else { return nil }
        return PropertyReading(definition: definition, storage: storage(definition))
    }

    /// Every property of `className` in schema order, as rows of that class read them.
    func readings(forRowsOf className: String) -> [PropertyReading] {
        let keys = ProviderCatalog.keys(of: className).compactMap { key in
            keyColumns[key.name].map { PropertyReading(key: key, column: $0) }
        }
        return keys + ProviderCatalog.properties(of: className).map { PropertyReading(definition: $0, storage: storage($0)) }
    }

    /// The SQL reading a property kept in `storage`, typed as `type`.
    func sql(for storage: ValueStorage, type: QueryValueType) -> QuerySQL {
        switch storage {
        case .column(let column):
            return QuerySQL(sql: column)
        case .absent, .unqueryable:
            return "NULL"
        case .presence(let column):
            return "CASE WHEN \(QuerySQL(.isTrue(QuerySQL(sql: column)))) THEN 1 END"
        case .settingOrColumn(let property, let variable, let column):
            return "COALESCE(\(sql(for: .setting(property: property, variable: variable), type: type)), \(type.converting(QuerySQL(sql: column))))"
        case .setting(let property, let variable):
            let id = QuerySQL(sql: detailIDColumn)
            var names = [property]
            if let variable, !variable.equalsIgnoringCase(property) { names.append(variable) }
            let name = QuerySQL(.caseless("v.property"))
            return """
                (SELECT \(type.converting("v.value")) FROM stepVariable v \
                WHERE v.stepID = \(id) AND v."foreign" IS NULL AND \(name) IN \(names) \
                ORDER BY \(name) = \(property) DESC, v.position LIMIT 1)
                """
        case .expressionProperty(let name):
            let id = QuerySQL(sql: detailIDColumn)
            return """
                (SELECT \(type.converting("cp.value")) FROM conditionProperty cp \
                WHERE cp.operandID = \(id) AND \(QuerySQL(.caseless("cp.name"))) = \(name) ORDER BY \(QuerySQL(.insertionOrder(alias: "cp"))) LIMIT 1)
                """
        case .attribute(let column, let name):
            return QuerySQL(.attribute(column: column, name: name, conversion: type.textConversion))
        }
    }

    /// The column whose value the detail rows refer to (`s.id`, `o.id`).
    private var detailIDColumn: String {
        switch details {
        case .stepSettings(let index), .expressionProperties(let index): referenceColumns[index]
        case nil: "NULL"
        }
    }
}

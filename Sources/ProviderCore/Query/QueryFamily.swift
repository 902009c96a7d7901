import GRDB
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
        var join: String
        var guardedBy: Guard
    }

    /// The `FROM` clause with its guarded joins restricted by `readable` (the caller's Read
    /// filter for a guard; `nil`: every row).
    func fromClause(_ readable: (Guard) throws -> SQL?) throws -> SQL {
        var sql = SQL(sql: table)
        for join in guardedJoins {
            sql += " \(sql: join.join)"
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
    /// Conditions every row of the family meets (trusted SQL).
    var baseConditions: [String] = []
    /// The column holding a row's class; `nil` for a family of one class.
    var classColumn: String?
    /// The provider's keys (``ProviderCatalog/keys(of:)``) and the columns holding them.
    var keyColumns: [String: String] = [:]
    /// The columns that identify a row, in the order ``makeReference`` reads them.
    var referenceColumns: [String]
    var makeReference: @Sendable ([DatabaseValue]) -> ObjectReference?
    /// A row's `__RELPATH` when it is not its reference's (the query-only views, whose
    /// reference is the task sequence they describe).
    var makeRelativePath: (@Sendable ([DatabaseValue]) -> String?)? = nil
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
    func membership(_ included: Set<String>, includingUnknown: Bool) -> SQL? {
        guard let classColumn else {
            return included.contains(classes.first ?? "") ? nil : "0"
        }
        let column = SQL(sql: classColumn)
        if includingUnknown {
            let excluded = classes.filter { !included.contains($0) }
            return excluded.isEmpty ? nil : "\(column) COLLATE NOCASE NOT IN \(excluded)"
        }
        let members = classes.filter { included.contains($0) }
        return members.isEmpty ? "0" : "\(column) COLLATE NOCASE IN \(members)"
    }

    /// The condition that a row is of class `className` or derives from it (`ISA`).
    func isa(_ className: String) -> SQL? {
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
    func sql(for storage: ValueStorage, type: QueryValueType) -> SQL {
        switch storage {
        case .column(let column):
            return SQL(sql: column)
        case .absent, .unqueryable:
            return "NULL"
        case .presence(let column):
            return "CASE WHEN \(SQL(sql: column)) THEN 1 END"
        case .settingOrColumn(let property, let variable, let column):
            return "COALESCE(\(sql(for: .setting(property: property, variable: variable), type: type)), \(SQL(sql: type.sqlConversion(of: column))))"
        case .setting(let property, let variable):
            let id = SQL(sql: detailIDColumn)
            var names = [property]
            if let variable, !variable.equalsIgnoringCase(property) { names.append(variable) }
            return """
                (SELECT \(sql: type.sqlConversion(of: "v.value")) FROM stepVariable v \
                WHERE v.stepID = \(id) AND v."foreign" IS NULL AND v.property COLLATE NOCASE IN \(names) \
                ORDER BY v.property = \(property) COLLATE NOCASE DESC, v.position LIMIT 1)
                """
        case .expressionProperty(let name):
            let id = SQL(sql: detailIDColumn)
            return """
                (SELECT \(sql: type.sqlConversion(of: "cp.value")) FROM conditionProperty cp \
                WHERE cp.operandID = \(id) AND cp.name = \(name) COLLATE NOCASE ORDER BY cp.rowid LIMIT 1)
                """
        case .attribute(let column, let name):
            return """
                (SELECT \(sql: type.sqlConversion(of: "json_extract(a.value, '$[1]')")) FROM json_each(\(sql: column)) a \
                WHERE json_extract(a.value, '$[0]') = \(name) LIMIT 1)
                """
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

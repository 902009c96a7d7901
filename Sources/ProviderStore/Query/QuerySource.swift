import TaskSequenceModel

/// Where the rows of a group of served classes live, as the store keeps them: the table and its
/// joins, where each property is kept, each row's class column and key columns, whose Read
/// right guards a row, and the order rows come in.
///
/// A query plan names its source and describes what it wants in store-neutral terms
/// (``QueryStatement``); only the store turns that into SQL, so no column or table name is
/// written outside ProviderStore. The sources are declared in `Sources/QuerySource+*.swift`.
public struct QuerySource: Sendable {
    /// Whose Read right decides which rows a caller sees.
    public enum RowGuard: Sendable, Hashable {
        /// The task sequence package in `column` (packages, sequences, steps, conditions).
        case taskSequencePackage(column: String)
        /// The SMS_Package in `column`.
        case smsPackage(column: String)
        /// The collection in `column`.
        case collection(column: String)
        /// The computer (ResourceID) in `column`, read through the collections it is in.
        case computer(column: String)
        /// The instance of the secured class with object key `objectKey` whose key is in
        /// `column` (advertisements).
        case securedInstance(objectKey: UInt32, column: String)
        /// The policy's rule for permission entries, over the unqualified columns `userName`,
        /// `objectKey` and `instanceKey` (`instances`) of the source's one table.
        case permissionEntries(instances: Bool)
    }

    /// A `LEFT JOIN … ON condition` whose rows the caller must be able to read for their
    /// columns to show (the referenced package of a reference view); an unreadable one joins
    /// nothing, so its columns read NULL.
    public struct GuardedJoin: Sendable {
        let join: QuerySQL
        /// Whose Read right guards the joined row.
        public let guardedBy: RowGuard
    }

    /// What extra rows hold values a row's properties need, fetched for the rows found.
    public enum Details: Sendable {
        /// Action settings of the step whose ID is reference column `idColumn`: its variables
        /// document, column `document` (`StepVariableRow`).
        case stepSettings(idColumn: Int, document: String)
        /// Expression properties of the operand in reference column `idColumn`: the `<variable>`
        /// entries of its JSON column `content`.
        case expressionProperties(idColumn: Int, content: String)
    }

    /// Rows of given classes found through a covering index of their table: the class index
    /// leads with something else (steps by package, operands by step), so that a new package's
    /// rows land on one leaf of it instead of one leaf per class they use. A query that names
    /// its rows by a key column compares the class row by row instead.
    struct ClassLookup: Sendable {
        /// The row's key in the source's `FROM` clause (`s.id`).
        let rowKey: String
        /// The unaliased table, and its key and class columns, that the index covers.
        let table: String
        let key: String
        let column: String
    }

    /// The `FROM` clause (with aliases).
    let table: String
    /// Joins after `table`, each restricted to the rows the caller may read.
    public let guardedJoins: [GuardedJoin]
    /// Conditions every row of the source meets.
    let baseConditions: [QuerySQL]
    /// The column holding a row's class; `nil` for a source of one class.
    let classColumn: String?
    /// Where rows of given classes are found without reading every row, when the source has
    /// such a place.
    let classLookup: ClassLookup?
    /// The provider's keys (PackageID, StepID …) by name, and the columns holding them.
    let keyColumns: [String: String]
    /// The columns that identify a row, in the order a result row gives them first.
    let referenceColumns: [String]
    /// Whose Read right guards the rows.
    public let guardedBy: RowGuard
    /// The order of rows when the query gives none, and after the keys it gives.
    let defaultOrder: [String]
    /// Where the source keeps a property of the catalog.
    let storage: @Sendable (PropertyDefinition) -> ValueStorage
    /// The detail rows some properties are read from.
    public let details: Details?

    init(
        table: String, guardedJoins: [GuardedJoin] = [], baseConditions: [QuerySQL] = [], classColumn: String? = nil,
        classLookup: ClassLookup? = nil, keyColumns: [String: String] = [:], referenceColumns: [String], guardedBy: RowGuard, defaultOrder: [String],
        storage: @escaping @Sendable (PropertyDefinition) -> ValueStorage, details: Details? = nil
    ) {
        self.table = table
        self.guardedJoins = guardedJoins
        self.baseConditions = baseConditions
        self.classColumn = classColumn
        self.classLookup = classLookup
        self.keyColumns = keyColumns
        self.referenceColumns = referenceColumns
        self.guardedBy = guardedBy
        self.defaultOrder = defaultOrder
        self.storage = storage
        self.details = details
    }

    /// Whether rows carry their class (families of several classes).
    public var hasClassColumn: Bool { classColumn != nil }

    /// How many columns identify a row: the first values of every result row.
    public var referenceColumnCount: Int { referenceColumns.count }

    /// Where the provider's key `name` (PackageID, StepID …) is kept; `nil` when the source
    /// does not add it.
    public func keyStorage(_ name: String) -> ValueStorage? {
        keyColumns[name].map(ValueStorage.column)
    }

    /// Where the source keeps `definition`'s value.
    public func storage(of definition: PropertyDefinition) -> ValueStorage {
        storage(definition)
    }
}

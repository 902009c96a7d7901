import ProviderStore
import TaskSequenceModel

/// A translated query, ready to run for a caller: the statement that finds the rows (filtered by
/// the caller's rights in SQL) and, per row class, which properties its result carries and
/// where each value comes from. The statement is store-neutral (``QueryStatement``); the store
/// writes it as SQL and its engine renders that in its own dialect.
///
/// Action settings and expression properties come from a second statement over the rows found,
/// so `SELECT *` over every step class costs one lookup per row found, not one subquery per
/// property of every class.
struct QueryPlan {
    let family: QueryFamily
    let className: String
    private let translator: QueryTranslator
    private let whereClause: QueryCondition?
    private let ordering: [QueryStatement.Ordering]
    /// The values the first statement reads besides the references and the class, one per column.
    private let columns: [ValueStorage]
    /// Per effective row class: the properties its results carry, in order.
    private let layouts: [String: [PropertyReading]]
    private let needsDetails: Bool
    /// The caller's Read filter for each of the family's guarded joins.
    private let joinRestrictions: [QueryCondition?]
    /// What the query returns: objects, their number, or distinct values.
    private let shape: Shape

    private enum Shape {
        case objects
        /// `COUNT(*)`: one row, property `Count`.
        case count
        /// `SELECT DISTINCT`: the selected properties' terms.
        case distinct([QueryTranslator.Term])
    }

    /// Plans `query`; `includingLazy` returns lazy properties too, as a get by path does.
    /// `readable` gives the caller's Read filter for a guard, for subqueries and guarded joins.
    init(_ query: WQLQuery, includingLazy: Bool = false, readable: @escaping (QuerySource.RowGuard) throws -> QueryCondition? = { _ in nil }) throws {
        let translator = try QueryTranslator(query, readable: readable)
        self.translator = translator
        let family = translator.family
        self.family = family
        joinRestrictions = try translator.joinRestrictions()
        className = translator.className
        whereClause = try translator.whereClause()
        let selected = try translator.selectedNames()
        if query.isCount {
            // One row: ORDER BY has nothing to order, and is checked no further.
            shape = .count
            ordering = []
        } else if query.isDistinct {
            let terms = try (query.selection ?? []).map(translator.term)
            shape = .distinct(terms)
            ordering = try translator.ordering() + terms.map { QueryStatement.Ordering($0.term) }
        } else {
            shape = .objects
            ordering = try translator.ordering()
        }
        var layouts: [String: [PropertyReading]] = [:]
        var columns: [ValueStorage] = []
        var needsDetails = false
        for rowClass in translator.scopeClasses {
            let readings = selected.map { names in names.compactMap { family.reading($0, forRowsOf: rowClass) } }
                ?? family.readings(forRowsOf: rowClass)
            let returned = readings.filter { $0.isReturned(includingLazy: includingLazy) }
            layouts[rowClass] = returned
            for reading in returned {
                if let column = reading.storage.selectedColumn, !columns.contains(where: { $0.selectedColumn == column }) {
                    columns.append(reading.storage)
                }
                if reading.storage.readsDetails { needsDetails = true }
            }
        }
        self.layouts = layouts
        self.columns = columns
        self.needsDetails = needsDetails
    }

    /// The statement finding the rows, restricted by `restriction` (the caller's rights, or a key).
    func statement(restriction: QueryCondition?) -> QueryStatement {
        let selection: QueryStatement.Selection = switch shape {
        case .objects: .rows(reading: columns)
        case .count: .count
        case .distinct(let terms): .distinct(terms.map(\.term))
        }
        let conditions = translator.conditions(restriction: restriction, whereClause: whereClause)
        let followsDefaultOrder = if case .objects = shape { true } else { false }
        return QueryStatement(source: family.source, selection: selection, conditions: conditions, joinRestrictions: joinRestrictions,
                              ordering: ordering, followsDefaultOrder: followsDefaultOrder)
    }

    /// The first reference column of every row the plan finds (a computer's ResourceID), without
    /// building the rows: what a collection's evaluation needs.
    func referenceKeys(in db: StoreDatabase, restriction: QueryCondition?) throws -> [Int64] {
        var keys = statement(restriction: restriction)
        // The reference columns alone: the columns the rows would be built from (a computer's
        // name, its MAC addresses …) were read and turned into strings only to be dropped.
        keys.selection = .rows(reading: [])
        return try db.values(Int64.self, keys)
    }

    /// Runs the plan in `db` and builds the result rows.
    ///
    /// `COUNT(*)` gives one row of the class queried (`__RELPATH` the class) whose property
    /// `Count` holds the number of rows the caller may read, as the SMS Provider's result object
    /// carries it. `DISTINCT` gives one such row per distinct combination of the selected values.
    func rows(in db: StoreDatabase, restriction: QueryCondition?) throws -> [QueryResult] {
        let statement = statement(restriction: restriction)
        switch shape {
        case .objects:
            return try objectRows(statement, in: db)
        case .count:
            let count = try db.value(Int64.self, statement) ?? 0
            return [QueryResult(reference: .class(className), className: className, properties: [("Count", .uint32(UInt32(clamping: count)))])]
        case .distinct(let terms):
            var rows: [QueryResult] = []
            try db.forEachRow(statement) { row in
                let properties: [(name: String, value: QueryValue)] = terms.enumerated().compactMap { index, term in
                    term.type.value(from: row[index]).map { (term.name, $0) }
                }
                rows.append(QueryResult(reference: .class(className), className: className, properties: properties))
            }
            return rows
        }
    }

    private func objectRows(_ statement: QueryStatement, in db: StoreDatabase) throws -> [QueryResult] {
        struct Found {
            var reference: ObjectReference
            var relativePath: String?
            var reportedClass: String
            var effectiveClass: String
            var values: [SQLValue]
        }
        let referenceCount = family.source.referenceColumnCount
        var found: [Found] = []
        // Rows share a few classes: each stored class is looked up in the catalog once.
        var rowClasses: [String: (reported: String, effective: String)] = [:]
        let classless = family.rowClass(stored: nil)
        try db.forEachRow(statement) { row in
            let keys = (0..<referenceCount).map { row[$0] }
            guard let reference = family.makeReference(keys) else { return }
            let (reported, effective): (String, String)
            if let storedClass = String?.fromSQL(row[referenceCount]) ?? nil {
                if let known = rowClasses[storedClass] {
                    (reported, effective) = known
                } else {
                    let resolved = family.rowClass(stored: storedClass)
                    rowClasses[storedClass] = resolved
                    (reported, effective) = resolved
                }
            } else {
                (reported, effective) = classless
            }
            let values = (0..<columns.count).map { row[referenceCount + 1 + $0] }
            let relativePath = family.makeRelativePath.flatMap { $0(keys) }
            found.append(Found(reference: reference, relativePath: relativePath, reportedClass: reported, effectiveClass: effective, values: values))
        }
        let details = needsDetails ? try fetchDetails(of: found.map(\.reference), in: db) : [:]
        var columnIndex: [String: Int] = [:]
        for (index, storage) in columns.enumerated() {
            if let column = storage.selectedColumn { columnIndex[column] = index }
        }
        // Per row class, once per statement: each returned property, its type, and for one read
        // straight from a column, that column's position in the row.
        var resolved: [String: [(reading: PropertyReading, type: QueryValueType, position: Int?)]] = [:]
        return found.map { row in
            let layout: [(reading: PropertyReading, type: QueryValueType, position: Int?)]
            if let known = resolved[row.effectiveClass] {
                layout = known
            } else {
                layout = (layouts[row.effectiveClass] ?? []).compactMap { reading in
                    guard let type = reading.type else { return nil }
                    if case .column(let column) = reading.storage { return (reading, type, columnIndex[column]) }
                    return (reading, type, nil)
                }
                resolved[row.effectiveClass] = layout
            }
            var attributes: [String: AttributeList] = [:]
            var properties: [(name: String, value: QueryValue)] = []
            properties.reserveCapacity(layout.count)
            for (reading, type, position) in layout {
                let found = if let position {
                    type.value(from: row.values[position])
                } else {
                    value(of: reading, type: type, row: row.values, reference: row.reference,
                          columnIndex: columnIndex, details: details, attributes: &attributes)
                }
                if let found { properties.append((reading.name, found)) }
            }
            return QueryResult(reference: row.reference, className: row.reportedClass, properties: properties, relativePath: row.relativePath)
        }
    }

    private func value(
        of reading: PropertyReading, type: QueryValueType, row: [SQLValue], reference: ObjectReference,
        columnIndex: [String: Int], details: [Int64: [(name: String, value: String)]], attributes: inout [String: AttributeList]
    ) -> QueryValue? {
        switch reading.storage {
        case .column(let column):
            return columnIndex[column].flatMap { type.value(from: row[$0]) }
        case .attribute(let column, let name):
            if attributes[column] == nil, let index = columnIndex[column] {
                attributes[column] = AttributeList(storedJSON: row[index])
            }
            return attributes[column]?[name].flatMap(type.value(fromText:))
        case .setting(let property, let variable):
            guard let entries = detailID(of: reference).flatMap({ details[$0] }) else { return nil }
            // The variable carrying the property, else one written under its variable name (MDT).
            let match = entries.first { $0.name.equalsIgnoringCase(property) }
                ?? variable.flatMap { variable in entries.first { $0.name.equalsIgnoringCase(variable) } }
            return match.flatMap { type.value(fromText: $0.value) }
        case .settingOrColumn(let property, let variable, let column):
            let entries = detailID(of: reference).flatMap { details[$0] } ?? []
            if let match = entries.first(where: { $0.name.equalsIgnoringCase(property) })
                ?? variable.flatMap({ variable in entries.first { $0.name.equalsIgnoringCase(variable) } }) {
                return type.value(fromText: match.value)
            }
            return columnIndex[column].flatMap { String.fromSQL(row[$0]) }.flatMap(type.value(fromText:))
        case .expressionProperty(let name):
            guard let entries = detailID(of: reference).flatMap({ details[$0] }) else { return nil }
            return entries.first { $0.name.equalsIgnoringCase(name) }.flatMap { type.value(fromText: $0.value) }
        case .absent, .unqueryable, .presence:
            return nil
        }
    }

    private func detailID(of reference: ObjectReference) -> Int64? {
        switch reference {
        case .step(_, let stepID): stepID
        case .operand(_, _, let operandID): operandID
        default: nil
        }
    }

    /// The settings or expression properties of the rows found, by step or operand ID, in
    /// document order.
    private func fetchDetails(of references: [ObjectReference], in db: StoreDatabase) throws -> [Int64: [(name: String, value: String)]] {
        try family.source.details?.fetch(ids: references.compactMap(detailID), in: db) ?? [:]
    }
}

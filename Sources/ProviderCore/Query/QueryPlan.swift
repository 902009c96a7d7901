import Foundation
import ProviderStore
import TaskSequenceModel

/// A translated query, ready to run for a caller: the statement that finds the rows (filtered by
/// the caller's rights in SQL) and, per row class, which properties its result carries and
/// where each value comes from. The statement is engine-neutral (``QuerySQL``); the store's
/// renderer writes it in the dialect of the engine it runs on.
///
/// Action settings and expression properties come from a second statement over the rows found,
/// so `SELECT *` over every step class costs one lookup per row found, not one subquery per
/// property of every class.
struct QueryPlan {
    let family: QueryFamily
    let className: String
    private let whereClause: QuerySQL?
    private let ordering: [QuerySQL]
    /// Extra columns the first statement reads (trusted SQL), by position after the class column.
    private let columns: [String]
    /// Per effective row class: the properties its results carry, in order.
    private let layouts: [String: [PropertyReading]]
    private let needsDetails: Bool
    /// The family's table and guarded joins, restricted for the caller.
    private let fromClause: QuerySQL
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
    init(_ query: WQLQuery, includingLazy: Bool = false, readable: @escaping (QueryFamily.Guard) throws -> QuerySQL? = { _ in nil }) throws {
        let translator = try QueryTranslator(query, readable: readable)
        let family = translator.family
        self.family = family
        fromClause = try family.fromClause(readable)
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
            let own = try translator.ordering().dropLast(family.defaultOrder.count)
            ordering = Array(own) + terms.map(QueryTranslator.comparable)
        } else {
            shape = .objects
            ordering = try translator.ordering()
        }
        var layouts: [String: [PropertyReading]] = [:]
        var columns: [String] = []
        var needsDetails = false
        for rowClass in translator.scopeClasses {
            let readings = selected.map { names in names.compactMap { family.reading($0, forRowsOf: rowClass) } }
                ?? family.readings(forRowsOf: rowClass)
            let returned = readings.filter { $0.isReturned(includingLazy: includingLazy) }
            layouts[rowClass] = returned
            for reading in returned {
                switch reading.storage {
                case .column(let column), .attribute(let column, _):
                    if !columns.contains(column) { columns.append(column) }
                case .settingOrColumn(_, _, let column):
                    if !columns.contains(column) { columns.append(column) }
                    needsDetails = true
                case .setting, .expressionProperty:
                    needsDetails = true
                case .absent, .unqueryable, .presence:
                    break
                }
            }
        }
        self.layouts = layouts
        self.columns = columns
        self.needsDetails = needsDetails
    }

    /// The statement finding the rows, restricted by `restriction` (the caller's rights).
    func statement(restriction: QuerySQL?) -> QuerySQL {
        var selection = QuerySQL(sql: (family.referenceColumns + [family.classColumn ?? "NULL"] + columns).joined(separator: ", "))
        switch shape {
        case .objects: break
        case .count: selection = "COUNT(*)"
        // WQL compares text without regard to case, DISTINCT too.
        case .distinct(let terms):
            selection = "DISTINCT " + terms.map(QueryTranslator.comparable).joined(separator: ", ")
        }
        var conditions = family.baseConditions
        if let membership = family.isa(className) { conditions.append(membership) }
        if let restriction { conditions.append(restriction) }
        if let whereClause { conditions.append(whereClause) }
        var sql: QuerySQL = "SELECT \(selection) FROM \(fromClause)"
        if !conditions.isEmpty {
            sql += " WHERE " + conditions.map { "(\($0))" as QuerySQL }.joined(separator: " AND ")
        }
        if !ordering.isEmpty {
            sql += " ORDER BY " + ordering.joined(separator: ", ")
        }
        return sql
    }

    /// The first reference column of every row the plan finds (a computer's ResourceID), without
    /// building the rows: what a collection's evaluation needs.
    func referenceKeys(in db: StoreDatabase, restriction: QuerySQL?) throws -> [Int64] {
        let statement = statement(restriction: restriction).render(db.dialect)
        return try db.values(Int64.self, statement.sql, statement.arguments)
    }

    /// Runs the plan in `db` and builds the result rows.
    ///
    /// `COUNT(*)` gives one row of the class queried (`__RELPATH` the class) whose property
    /// `Count` holds the number of rows the caller may read, as the SMS Provider's result object
    /// carries it. `DISTINCT` gives one such row per distinct combination of the selected values.
    func rows(in db: StoreDatabase, restriction: QuerySQL?) throws -> [QueryResult] {
        let statement = statement(restriction: restriction).render(db.dialect)
        switch shape {
        case .objects:
            return try objectRows(statement, in: db)
        case .count:
            let count = try db.value(Int64.self, statement.sql, statement.arguments) ?? 0
            return [QueryResult(reference: .class(className), className: className, properties: [("Count", .uint32(UInt32(clamping: count)))])]
        case .distinct(let terms):
            var rows: [QueryResult] = []
            try db.forEachRow(statement.sql, statement.arguments) { row in
                let properties: [(name: String, value: QueryValue)] = terms.enumerated().compactMap { index, term in
                    term.type.value(from: row[index]).map { (term.name, $0) }
                }
                rows.append(QueryResult(reference: .class(className), className: className, properties: properties))
            }
            return rows
        }
    }

    private func objectRows(_ statement: SQLFragment, in db: StoreDatabase) throws -> [QueryResult] {
        struct Found {
            var reference: ObjectReference
            var relativePath: String?
            var reportedClass: String
            var effectiveClass: String
            var values: [SQLValue]
        }
        let referenceCount = family.referenceColumns.count
        var found: [Found] = []
        // Rows share a few classes: each stored class is looked up in the catalog once.
        var rowClasses: [String: (reported: String, effective: String)] = [:]
        let classless = family.rowClass(stored: nil)
        try db.forEachRow(statement.sql, statement.arguments) { row in
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
        for (index, column) in columns.enumerated() { columnIndex[column] = index }
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
            if attributes[column] == nil, let index = columnIndex[column], case .text(let json) = row[index] {
                attributes[column] = try? JSONDecoder().decode(AttributeList.self, from: Data(json.utf8))
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
        let ids = references.compactMap(detailID)
        guard !ids.isEmpty, let details = family.details else { return [:] }
        let found = QuerySQL(.inIDs(ids))
        let sql: QuerySQL = switch details {
        case .stepSettings:
            """
            SELECT stepID, property, value FROM stepVariable
            WHERE "foreign" IS NULL AND stepID \(found) ORDER BY stepID, position
            """
        case .expressionProperties:
            """
            SELECT operandID, name, value FROM conditionProperty cp
            WHERE operandID \(found) ORDER BY operandID, \(QuerySQL(.insertionOrder(alias: "cp")))
            """
        }
        let statement = sql.render(db.dialect)
        var result: [Int64: [(name: String, value: String)]] = [:]
        try db.forEachRow(statement.sql, statement.arguments) { row in
            result[try row.decode(at: 0, as: Int64.self), default: []].append((try row.decode(at: 1), try row.decode(at: 2)))
        }
        return result
    }
}

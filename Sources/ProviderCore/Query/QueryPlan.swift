import Foundation
import GRDB
import TaskSequenceModel

/// A translated query, ready to run for a caller: the statement that finds the rows (filtered by
/// the caller's rights in SQL) and, per row class, which properties its result carries and
/// where each value comes from.
///
/// Action settings and expression properties come from a second statement over the rows found,
/// so `SELECT *` over every step class costs one lookup per row found, not one subquery per
/// property of every class.
struct QueryPlan {
    let family: QueryFamily
    let className: String
    private let whereClause: SQL?
    private let ordering: [SQL]
    /// Extra columns the first statement reads (trusted SQL), by position after the class column.
    private let columns: [String]
    /// Per effective row class: the properties its results carry, in order.
    private let layouts: [String: [PropertyReading]]
    private let needsDetails: Bool
    /// The family's table and guarded joins, restricted for the caller.
    private let fromClause: SQL
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
    init(_ query: WQLQuery, includingLazy: Bool = false, readable: @escaping (QueryFamily.Guard) throws -> SQL? = { _ in nil }) throws {
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
            ordering = Array(own) + terms.map { term in term.type == .string ? "(\(term.sql)) COLLATE NOCASE" : "(\(term.sql))" }
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
    func statement(restriction: SQL?) -> SQL {
        var selection: SQL = SQL(sql: (family.referenceColumns + [family.classColumn ?? "NULL"] + columns).joined(separator: ", "))
        switch shape {
        case .objects: break
        case .count: selection = "COUNT(*)"
        // WQL compares text without regard to case, DISTINCT too.
        case .distinct(let terms):
            selection = "DISTINCT " + terms.map { $0.type == .string ? "(\($0.sql)) COLLATE NOCASE" : "(\($0.sql))" as SQL }.joined(separator: ", ")
        }
        var conditions = family.baseConditions.map { SQL(sql: $0) }
        if let membership = family.isa(className) { conditions.append(membership) }
        if let restriction { conditions.append(restriction) }
        if let whereClause { conditions.append(whereClause) }
        var sql: SQL = "SELECT \(selection) FROM \(fromClause)"
        if !conditions.isEmpty {
            sql += " WHERE " + conditions.map { "(\($0))" as SQL }.joined(separator: " AND ")
        }
        if !ordering.isEmpty {
            sql += " ORDER BY " + ordering.joined(separator: ", ")
        }
        return sql
    }

    /// The first reference column of every row the plan finds (a computer's ResourceID), without
    /// building the rows: what a collection's evaluation needs.
    func referenceKeys(in db: Database, restriction: SQL?) throws -> [Int64] {
        try Int64.fetchAll(db.makeStatement(literal: statement(restriction: restriction)))
    }

    /// Runs the plan in `db` and builds the result rows.
    ///
    /// `COUNT(*)` gives one row of the class queried (`__RELPATH` the class) whose property
    /// `Count` holds the number of rows the caller may read, as the SMS Provider's result object
    /// carries it. `DISTINCT` gives one such row per distinct combination of the selected values.
    func rows(in db: Database, restriction: SQL?) throws -> [QueryRow] {
        switch shape {
        case .objects:
            return try objectRows(in: db, restriction: restriction)
        case .count:
            let count = try Int64.fetchOne(db.makeStatement(literal: statement(restriction: restriction))) ?? 0
            return [QueryRow(reference: .class(className), className: className, properties: [("Count", .uint32(UInt32(clamping: count)))])]
        case .distinct(let terms):
            let cursor = try Row.fetchCursor(db.makeStatement(literal: statement(restriction: restriction)))
            var rows: [QueryRow] = []
            while let row = try cursor.next() {
                let properties: [(name: String, value: QueryValue)] = terms.enumerated().compactMap { index, term in
                    term.type.value(from: row[index]).map { (term.name, $0) }
                }
                rows.append(QueryRow(reference: .class(className), className: className, properties: properties))
            }
            return rows
        }
    }

    private func objectRows(in db: Database, restriction: SQL?) throws -> [QueryRow] {
        struct Found {
            var reference: ObjectReference
            var relativePath: String?
            var reportedClass: String
            var effectiveClass: String
            var values: [DatabaseValue]
        }
        let referenceCount = family.referenceColumns.count
        var found: [Found] = []
        let cursor = try Row.fetchCursor(db.makeStatement(literal: statement(restriction: restriction)))
        while let row = try cursor.next() {
            let keys = (0..<referenceCount).map { row[$0] as DatabaseValue }
            guard let reference = family.makeReference(keys) else { continue }
            let storedClass: String? = row[referenceCount]
            let (reported, effective) = family.rowClass(stored: storedClass)
            let values = (0..<columns.count).map { row[referenceCount + 1 + $0] as DatabaseValue }
            let relativePath = family.makeRelativePath.flatMap { $0(keys) }
            found.append(Found(reference: reference, relativePath: relativePath, reportedClass: reported, effectiveClass: effective, values: values))
        }
        let details = needsDetails ? try fetchDetails(of: found.map(\.reference), in: db) : [:]
        var columnIndex: [String: Int] = [:]
        for (index, column) in columns.enumerated() { columnIndex[column] = index }
        return found.map { row in
            var attributes: [String: AttributeList] = [:]
            let layout = layouts[row.effectiveClass] ?? []
            let properties: [(name: String, value: QueryValue)] = layout.compactMap { reading in
                guard let type = reading.type, let value = value(of: reading, type: type, row: row.values, reference: row.reference,
                                                                 columnIndex: columnIndex, details: details, attributes: &attributes) else { return nil }
                return (reading.name, value)
            }
            return QueryRow(reference: row.reference, className: row.reportedClass, properties: properties, relativePath: row.relativePath)
        }
    }

    private func value(
        of reading: PropertyReading, type: QueryValueType, row: [DatabaseValue], reference: ObjectReference,
        columnIndex: [String: Int], details: [Int64: [(name: String, value: String)]], attributes: inout [String: AttributeList]
    ) -> QueryValue? {
        switch reading.storage {
        case .column(let column):
            return columnIndex[column].flatMap { type.value(from: row[$0]) }
        case .attribute(let column, let name):
            if attributes[column] == nil, let index = columnIndex[column], let json = String.fromDatabaseValue(row[index]) {
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
            return columnIndex[column].flatMap { String.fromDatabaseValue(row[$0]) }.flatMap(type.value(fromText:))
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
    private func fetchDetails(of references: [ObjectReference], in db: Database) throws -> [Int64: [(name: String, value: String)]] {
        let ids = references.compactMap(detailID)
        guard !ids.isEmpty, let details = family.details else { return [:] }
        let list = String(decoding: try JSONEncoder().encode(ids), as: UTF8.self)
        let sql: SQL = switch details {
        case .stepSettings:
            """
            SELECT stepID, property, value FROM stepVariable
            WHERE "foreign" IS NULL AND stepID IN (SELECT value FROM json_each(\(list))) ORDER BY stepID, position
            """
        case .expressionProperties:
            """
            SELECT operandID, name, value FROM conditionProperty
            WHERE operandID IN (SELECT value FROM json_each(\(list))) ORDER BY operandID, rowid
            """
        }
        var result: [Int64: [(name: String, value: String)]] = [:]
        let cursor = try Row.fetchCursor(db.makeStatement(literal: sql))
        while let row = try cursor.next() {
            result[row[0], default: []].append((row[1], row[2]))
        }
        return result
    }
}

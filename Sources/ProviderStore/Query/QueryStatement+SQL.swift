import Foundation
import TaskSequenceModel

/// Writing a ``QueryStatement`` as SQL on its source's tables: the one place a query's tables,
/// columns and clauses are spelled. The result is engine-neutral (``QuerySQL``); each engine
/// renders it in its own dialect.
extension QueryStatement {
    /// The statement as SQL both engines' renderers read.
    public var sql: QuerySQL {
        let writer = QueryWriter(source: source, looksUpClasses: source.classLookup != nil && !namesRows(byAnyOf: Set(source.keyColumns.values)))
        var selected: QuerySQL
        var conditions = source.baseConditions
        switch selection {
        case .rows(let storages):
            var columns = source.referenceColumns + [source.classColumn ?? "NULL"]
            for column in storages.compactMap(\.selectedColumn) where !columns.dropFirst(source.referenceColumns.count + 1).contains(column) {
                columns.append(column)
            }
            selected = QuerySQL(sql: columns.joined(separator: ", "))
        case .count:
            selected = "COUNT(*)"
        case .distinct(let terms):
            // WQL compares text without regard to case, DISTINCT too.
            selected = "DISTINCT " + terms.map(writer.comparable).joined(separator: ", ")
        case .value(let term):
            selected = writer.sql(for: term)
        }
        conditions += self.conditions.map(writer.sql(for:))
        if case .value(let term) = selection {
            // NULLs never match, and keep NOT IN from turning every row unknown.
            conditions.append("(\(writer.sql(for: term))) IS NOT NULL")
        }
        var from = QuerySQL(sql: source.table)
        for (index, join) in source.guardedJoins.enumerated() {
            from += " \(join.join)"
            if index < joinRestrictions.count, let restriction = joinRestrictions[index] { from += " AND (\(writer.sql(for: restriction)))" }
        }
        var sql: QuerySQL = "SELECT \(selected) FROM \(from)"
        if !conditions.isEmpty {
            sql += " WHERE " + conditions.map { "(\($0))" as QuerySQL }.joined(separator: " AND ")
        }
        var order = ordering.map { "\(writer.comparable($0.term))\(sql: $0.descending ? " DESC" : "")" as QuerySQL }
        if followsDefaultOrder { order += source.defaultOrder.map { QuerySQL(sql: $0) } }
        if !order.isEmpty {
            sql += " ORDER BY " + order.joined(separator: ", ")
        }
        return sql
    }
}

extension QueryStatement {
    /// Whether a condition every row meets names the rows by one of `columns` (their keys: a
    /// package, a step), or by the caller's readable packages: the engine then starts from those
    /// rows, and a class is best compared row by row.
    func namesRows(byAnyOf columns: Set<String>) -> Bool {
        func names(_ condition: QueryCondition) -> Bool {
            switch condition {
            case .and(let left, let right): names(left) || names(right)
            case .compare(.stored(.column(let column), _), .equal, _), .isIn(.stored(.column(let column), _), _, false): columns.contains(column)
            case .readable(let set, _): set != .all
            case .referenceIs: true
            default: false
            }
        }
        return conditions.contains(where: names)
    }
}

/// Terms and conditions of one source as SQL.
struct QueryWriter {
    let source: QuerySource
    /// Whether a class is found through the source's ``QuerySource/ClassLookup`` (no condition
    /// names the rows otherwise) rather than compared row by row.
    var looksUpClasses = false

    /// The term as WQL compares, orders and tells values apart: text without regard to case.
    func comparable(_ term: QueryTerm) -> QuerySQL {
        let parenthesized: QuerySQL = "(\(sql(for: term)))"
        return term.type == .string ? QuerySQL(.caseless(parenthesized)) : parenthesized
    }

    func sql(for term: QueryTerm) -> QuerySQL {
        switch term {
        case .stored(let storage, let type):
            return sql(for: storage, type: type)
        case .rowClass(let constant):
            if let column = source.classColumn { return QuerySQL(sql: column) }
            return "\(constant)"
        case .choice(let branches, _):
            var sql: QuerySQL = "CASE"
            for branch in branches {
                sql += " WHEN \(self.sql(for: branch.when)) THEN \(self.sql(for: branch.then))"
            }
            return sql + " END"
        }
    }

    /// The rows whose class is in `classes` (a parenthesized list), through the source's
    /// ``QuerySource/ClassLookup``: the keys read from the covering index, then those rows alone.
    /// `nil` when the source has no lookup or the rows are found otherwise (the class column is
    /// then compared row by row).
    private func rowsOfClasses(_ classes: QuerySQL) -> QuerySQL? {
        guard looksUpClasses, let lookup = source.classLookup else { return nil }
        let column = QuerySQL(.caseless(QuerySQL(sql: lookup.column)))
        return "\(sql: lookup.rowKey) IN (SELECT \(sql: lookup.key) FROM \(sql: lookup.table) WHERE \(column) IN \(classes))"
    }

    func sql(for condition: QueryCondition) -> QuerySQL {
        switch condition {
        case .always:
            return QuerySQL(.always)
        case .never:
            return QuerySQL(.never)
        case .and(let left, let right):
            return "(\(sql(for: left))) AND (\(sql(for: right)))"
        case .or(let left, let right):
            return "(\(sql(for: left))) OR (\(sql(for: right)))"
        case .not(let inner):
            return "NOT (\(sql(for: inner)))"
        case .compare(let term, let comparison, let value):
            if case .rowClass = term, comparison == .equal, let rows = rowsOfClasses("(\(value))") { return rows }
            return "\(comparable(term)) \(sql: comparison.rawValue) \(value)"
        case .compareTerms(let left, let comparison, let right):
            return "\(comparable(left)) \(sql: comparison.rawValue) (\(sql(for: right)))"
        case .like(let term, let pattern):
            return QuerySQL(.like("(\(sql(for: term)))", pattern))
        case .isNull(let term, let negated):
            // Unset text is kept as '' so that XML round-trips exactly; WMI reports it as NULL.
            if term.type == .string {
                return negated ? "COALESCE(\(sql(for: term)), '') <> ''" : "COALESCE(\(sql(for: term)), '') = ''"
            }
            return negated ? "(\(sql(for: term))) IS NOT NULL" : "(\(sql(for: term))) IS NULL"
        case .isIn(let term, let values, let negated):
            if case .rowClass = term, !negated, let rows = rowsOfClasses("\(values)") { return rows }
            return "\(comparable(term)) \(sql: negated ? "NOT IN" : "IN") \(values)"
        case .isInSubquery(let term, let subquery, let negated):
            return "\(comparable(term)) \(sql: negated ? "NOT IN" : "IN") (\(subquery.sql))"
        case .rowClassIn(let classes, let excluding):
            guard let classColumn = source.classColumn else { return QuerySQL(excluding ? .always : .never) }
            if !excluding, let rows = rowsOfClasses("\(classes)") { return rows }
            return "\(QuerySQL(.caseless(QuerySQL(sql: classColumn)))) \(sql: excluding ? "NOT IN" : "IN") \(classes)"
        case .present(let storage):
            return "(\(QuerySQL(.isTrue(flag(storage)))))"
        case .presentWhere(let branches):
            var sql: QuerySQL = "CASE"
            for branch in branches {
                sql += " WHEN \(self.sql(for: branch.when)) THEN \(flag(branch.flag))"
            }
            return QuerySQL(.isTrue(sql + " ELSE 0 END"))
        case .readable(let set, let guarded):
            guard let column = Self.column(of: guarded) else { return QuerySQL(.always) }
            return QuerySQL(.readable(set, column: column))
        case .permissionEntriesVisible(let visibility, let instances):
            return QuerySQL(.permissionEntries(visibility, instances: instances))
        case .referenceIs(let keys):
            return zip(source.referenceColumns, keys).map { column, key -> QuerySQL in "\(sql: column) = \(key)" }.joined(separator: " AND ")
        }
    }

    /// The column of a ``ValueStorage/presence(column:)`` flag.
    private func flag(_ storage: ValueStorage) -> QuerySQL {
        if case .presence(let column) = storage { return QuerySQL(sql: column) }
        return "0"
    }

    /// The key column a guard reads; `nil` for permission entries, guarded by their own rule.
    static func column(of guarded: QuerySource.RowGuard) -> String? {
        switch guarded {
        case .taskSequencePackage(let column), .smsPackage(let column), .collection(let column), .computer(let column),
             .securedInstance(_, let column): column
        case .permissionEntries: nil
        }
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
            guard case .stepSettings(_, let document) = source.details else { return "NULL" }
            var names = [property]
            if let variable, !variable.equalsIgnoringCase(property) { names.append(variable) }
            // The step's variables document, entry by entry (StepVariableRow): `p` property, `v` value, `f` foreign markup.
            let name = QuerySQL(.caseless(QuerySQL(.jsonMember(alias: "e", key: "p"))))
            return """
                (SELECT \(type.converting(QuerySQL(.jsonMember(alias: "e", key: "v")))) FROM \(QuerySQL(.jsonElements(column: document, alias: "e"))) \
                WHERE \(QuerySQL(.jsonMember(alias: "e", key: "f"))) IS NULL AND \(name) IN \(names) \
                ORDER BY \(name) = \(property) DESC, e.key LIMIT 1)
                """
        case .expressionProperty(let name):
            guard case .expressionProperties(_, let content) = source.details else { return "NULL" }
            return QuerySQL(.expressionProperty(content: content, name: name, conversion: type.textConversion))
        case .attribute(let column, let name):
            return QuerySQL(.attribute(column: column, name: name, conversion: type.textConversion))
        }
    }
}

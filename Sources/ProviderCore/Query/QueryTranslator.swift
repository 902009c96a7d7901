import ProviderStore
import TaskSequenceModel

/// Resolves a parsed query against the class it names and translates its conditions and order
/// into the store-neutral terms of a ``QueryStatement`` (which the store writes as SQL for its
/// engine). Values always travel as arguments.
struct QueryTranslator {
    let query: WQLQuery
    /// The class queried, canonical.
    let className: String
    let family: QueryFamily
    /// The known classes the query covers (the class and those deriving from it).
    let scopeClasses: [String]
    /// Whether rows of classes the catalog does not know are covered (`FROM SMS_TaskSequence_Action`).
    let scopeIncludesUnknown: Bool
    /// The caller's Read filter for rows a guard protects: subqueries (`IN (SELECT …)`) and
    /// guarded joins are filtered in SQL like the query itself.
    let readable: (QuerySource.RowGuard) throws -> QueryCondition?

    /// Resolves `query`; `readable` gives the caller's Read filter for a guard (`nil`: every row).
    init(_ query: WQLQuery, readable: @escaping (QuerySource.RowGuard) throws -> QueryCondition? = { _ in nil }) throws {
        self.query = query
        self.readable = readable
        let written = query.className
        guard let className = ServedClasses.canonicalName(written.text), let family = QueryFamilies.family(serving: className) else {
            let known = ProviderCatalog.catalog[written.text] != nil
            throw ProviderError.invalidQuery(
                token: written.text, position: written.position,
                message: known ? "\(written.text) has no instances of its own to query; query a class the provider serves (EnumerateClasses lists them)"
                    : "\(written.text) is not a class this provider serves"
            )
        }
        self.className = className
        self.family = family
        let scope = family.scope(of: className)
        scopeClasses = scope.classes
        scopeIncludesUnknown = scope.includesUnknown
    }

    // MARK: Properties

    /// A property as WHERE and ORDER BY use it: its typed value for every row.
    struct Term {
        var term: QueryTerm
        /// The name as the schema spells it, for messages.
        var name: String

        var type: QueryValueType { term.type }
    }

    static let classProperty = "__CLASS"
    /// System properties a SELECT may name; results carry them whatever the SELECT says.
    static let systemProperties = ["__CLASS", "__RELPATH", "__PATH"]

    /// How `name` reads for each class the query covers (classes lacking it left out).
    func readings(of name: WQLName) -> [(className: String, reading: PropertyReading)] {
        scopeClasses.compactMap { candidate in
            family.reading(name.text, forRowsOf: candidate).map { (candidate, $0) }
        }
    }

    /// The term for a property named in WHERE or ORDER BY.
    func term(_ name: WQLName) throws -> Term {
        if name.text.equalsIgnoringCase(Self.classProperty) {
            return Term(term: .rowClass(constant: family.classes.first ?? className), name: Self.classProperty)
        }
        if name.text.hasPrefix("__") {
            throw ProviderError.invalidQuery(token: name.text, position: name.position,
                                             message: "system property \(name.text) cannot be compared; only __CLASS (and __THIS with ISA) can")
        }
        let readings = readings(of: name)
        guard let first = readings.first else { throw unknownProperty(name) }
        for (_, reading) in readings {
            if let problem = reading.filterProblem {
                throw ProviderError.invalidQuery(token: name.text, position: name.position, message: "\(reading.name) \(problem)")
            }
        }
        let types = Set(readings.compactMap(\.reading.type))
        guard types.count == 1, let type = types.first else {
            throw ProviderError.invalidQuery(
                token: name.text, position: name.position,
                message: "\(first.reading.name) has different types in the classes deriving from \(className); query the class that declares it"
            )
        }
        // Classes sharing a storage read the same SQL; a class lacking the property reads NULL.
        var groups: [(storage: ValueStorage, classes: Set<String>)] = []
        for (candidate, reading) in readings {
            if let index = groups.firstIndex(where: { $0.storage == reading.storage }) {
                groups[index].classes.insert(candidate)
            } else {
                groups.append((reading.storage, [candidate]))
            }
        }
        if groups.count == 1, groups[0].classes.count == scopeClasses.count {
            return Term(term: .stored(groups[0].storage, type), name: first.reading.name)
        }
        let branches = groups.map { group in
            QueryTerm.Branch(when: membership(of: group.classes), then: .stored(group.storage, type))
        }
        return Term(term: .choice(branches, type), name: first.reading.name)
    }

    /// The selected property names as the schema spells them, checked; `nil` for `SELECT *`.
    func selectedNames() throws -> [String]? {
        guard let selection = query.selection else { return nil }
        var names: [String] = []
        for name in selection {
            if Self.systemProperties.contains(where: { $0.equalsIgnoringCase(name.text) }) { continue }
            if name.text.hasPrefix("__") {
                throw ProviderError.invalidQuery(token: name.text, position: name.position,
                                                 message: "unknown system property; a SELECT may name __CLASS, __RELPATH and __PATH")
            }
            let readings = readings(of: name)
            guard let first = readings.first else { throw unknownProperty(name) }
            guard readings.contains(where: { $0.reading.type != nil && $0.reading.storage != .unqueryable }) else {
                throw ProviderError.invalidQuery(
                    token: name.text, position: name.position,
                    message: "\(first.reading.name) is an array or embedded object; queries return only single values, read it from the object itself"
                )
            }
            if !names.contains(where: { $0.equalsIgnoringCase(first.reading.name) }) { names.append(first.reading.name) }
        }
        return names
    }

    /// The condition that a row is of one of `classes` (or, where they include the family's
    /// fallback, of a class the catalog does not know).
    private func membership(of classes: Set<String>) -> QueryCondition {
        let unknown = scopeIncludesUnknown && family.fallbackClass.map(classes.contains) == true
        return family.membership(classes, includingUnknown: unknown) ?? .always
    }

    private func unknownProperty(_ name: WQLName) -> ProviderError {
        .invalidQuery(token: name.text, position: name.position, message: "\(name.text) is not a property of \(className)")
    }

    // MARK: Conditions

    /// The WHERE clause, or `nil` without one.
    func whereClause() throws -> QueryCondition? {
        try query.condition.map(condition)
    }

    private func condition(_ condition: WQLCondition) throws -> QueryCondition {
        switch condition {
        case .and(let left, let right):
            return .and(try self.condition(left), try self.condition(right))
        case .or(let left, let right):
            return .or(try self.condition(left), try self.condition(right))
        case .not(let inner):
            return .not(try self.condition(inner))
        case .comparison(let left, let comparison, let right):
            if case .literal(.null, _, _) = right, [.equal, .notEqual].contains(comparison), let presence = try presenceTest(left) {
                return comparison == .notEqual ? presence : .not(presence)
            }
            return try self.comparison(left, comparison, right)
        case .like(let operand, let pattern, let position, let negated):
            let term = try propertyTerm(operand, for: "LIKE")
            guard term.type == .string else {
                throw ProviderError.invalidQuery(token: operand.text, position: operand.position,
                                                 message: "LIKE compares strings; \(term.name) is \(term.type.name)")
            }
            let match = QueryCondition.like(term.term, try LikePattern(parsing: pattern, position: position).pattern)
            return negated ? .not(match) : match
        case .isNull(let operand, let negated):
            if let presence = try presenceTest(operand) {
                return negated ? presence : .not(presence)
            }
            return .isNull(try propertyTerm(operand, for: "IS NULL").term, negated: negated)
        case .isa(let subject, let target):
            guard ["__CLASS", "__THIS"].contains(where: { $0.equalsIgnoringCase(subject.text) }) else {
                throw ProviderError.invalidQuery(token: subject.text, position: subject.position, message: "ISA needs __CLASS or __THIS on its left")
            }
            guard let targetClass = ProviderCatalog.catalog[target.text]?.name else {
                throw ProviderError.invalidQuery(token: target.text, position: target.position, message: "\(target.text) is not a class this provider knows")
            }
            return family.isa(targetClass) ?? .always
        case .in(let operand, let values, let negated):
            let term = try propertyTerm(operand, for: "IN")
            let arguments = try values.map { value -> SQLValue in
                guard case .literal(let literal, _, _) = value, literal != .null else {
                    throw ProviderError.invalidQuery(token: value.text, position: value.position, message: "an IN list holds literals, not NULL")
                }
                return try coerce(literal, at: value, to: term)
            }
            return .isIn(term.term, arguments, negated: negated)
        case .inSubquery(let operand, let subquery, let position, let negated):
            let term = try propertyTerm(operand, for: "IN")
            let inner = try QueryTranslator(subquery, readable: readable)
            guard let selected = subquery.selection?.first else {
                throw ProviderError.invalidQuery(token: "SELECT", position: position, message: "a subquery in IN selects exactly one property")
            }
            let innerTerm = try inner.term(selected)
            guard innerTerm.type == term.type || (innerTerm.type.isNumeric && term.type.isNumeric) else {
                throw ProviderError.invalidQuery(token: selected.text, position: selected.position,
                                                 message: "cannot compare \(term.name) (\(term.type.name)) with \(innerTerm.name) (\(innerTerm.type.name))")
            }
            let subquery = try inner.statement(selecting: .value(innerTerm.term), restriction: readable(inner.family.source.guardedBy))
            return .isInSubquery(term.term, subquery, negated: negated)
        }
    }

    /// The rows of this query's class that the caller may read and that meet its WHERE, each
    /// giving `selection`, in the order the query gives and then the family's.
    /// `restriction` limits the rows further (the caller's Read filter, or a key).
    func statement(selecting selection: QueryStatement.Selection, restriction: QueryCondition?) throws -> QueryStatement {
        QueryStatement(
            source: family.source, selection: selection, conditions: conditions(restriction: restriction, whereClause: try whereClause()),
            joinRestrictions: try joinRestrictions()
        )
    }

    /// What every statement of the query requires of a row: its class is the one queried (or
    /// derives from it), `restriction` (the caller's Read filter, or a key), then `whereClause`.
    func conditions(restriction: QueryCondition?, whereClause: QueryCondition?) -> [QueryCondition] {
        [family.isa(className), restriction, whereClause].compactMap { $0 }
    }

    /// The caller's Read filter for each of the family's guarded joins, in order.
    func joinRestrictions() throws -> [QueryCondition?] {
        try family.source.guardedJoins.map { try readable($0.guardedBy) }
    }

    /// For an embedded object that queries can only test for (a step's Condition), the
    /// condition that holds when the object is there; `nil` for other properties.
    private func presenceTest(_ operand: WQLOperand) throws -> QueryCondition? {
        guard case .property(let name) = operand else { return nil }
        let readings = readings(of: name)
        guard !readings.isEmpty, readings.allSatisfy({ if case .presence = $0.reading.storage { true } else { false } }) else { return nil }
        var groups: [(flag: ValueStorage, classes: Set<String>)] = []
        for (candidate, reading) in readings {
            if let index = groups.firstIndex(where: { $0.flag == reading.storage }) {
                groups[index].classes.insert(candidate)
            } else {
                groups.append((reading.storage, [candidate]))
            }
        }
        if groups.count == 1, groups[0].classes.count == scopeClasses.count {
            return .present(groups[0].flag)
        }
        return .presentWhere(groups.map { (when: membership(of: $0.classes), flag: $0.flag) })
    }

    /// The term for an operand that must be a property.
    private func propertyTerm(_ operand: WQLOperand, for operation: String) throws -> Term {
        guard case .property(let name) = operand else {
            throw ProviderError.invalidQuery(token: operand.text, position: operand.position, message: "expected a property name before \(operation)")
        }
        return try term(name)
    }

    private func comparison(_ left: WQLOperand, _ comparison: WQLComparison, _ right: WQLOperand) throws -> QueryCondition {
        switch (left, right) {
        case (.property(let name), .literal(let literal, _, _)):
            return try compare(try term(name), comparison, literal, at: right)
        case (.literal(let literal, _, _), .property(let name)):
            return try compare(try term(name), comparison.mirrored, literal, at: left)
        case (.property(let leftName), .property(let rightName)):
            let leftTerm = try term(leftName), rightTerm = try term(rightName)
            guard leftTerm.type == rightTerm.type || (leftTerm.type.isNumeric && rightTerm.type.isNumeric) else {
                throw ProviderError.invalidQuery(token: rightName.text, position: rightName.position,
                                                 message: "cannot compare \(leftTerm.name) (\(leftTerm.type.name)) with \(rightTerm.name) (\(rightTerm.type.name))")
            }
            return .compareTerms(leftTerm.term, comparison.storeComparison, rightTerm.term)
        case (.literal, .literal):
            throw ProviderError.invalidQuery(token: left.text, position: left.position, message: "a comparison needs a property on one side")
        }
    }

    private func compare(_ term: Term, _ comparison: WQLComparison, _ literal: WQLLiteral, at operand: WQLOperand) throws -> QueryCondition {
        if literal == .null {
            switch comparison {
            case .equal: return .isNull(term.term, negated: false)
            case .notEqual: return .isNull(term.term, negated: true)
            default:
                throw ProviderError.invalidQuery(token: operand.text, position: operand.position,
                                                 message: "NULL compares only with = or <>; use IS NULL or IS NOT NULL")
            }
        }
        return .compare(term.term, comparison.storeComparison, try coerce(literal, at: operand, to: term))
    }

    /// The literal as a value of the term's type, as WMI converts literals to the property's type.
    private func coerce(_ literal: WQLLiteral, at operand: WQLOperand, to term: Term) throws -> SQLValue {
        func mismatch(_ expected: String) -> ProviderError {
            .invalidQuery(token: operand.text, position: operand.position, message: "\(term.name) is \(term.type.name); expected \(expected)")
        }
        switch (term.type, literal) {
        case (.string, .string(let text)): return text.sqlValue
        case (.string, .integer(let number)): return String(number).sqlValue
        case (.string, .real(let number)): return String(number).sqlValue
        case (.string, _): throw mismatch("a string")
        case (.boolean, .boolean(let flag)): return flag.sqlValue
        case (.boolean, .integer(let number)) where number == 0 || number == 1: return (number == 1).sqlValue
        case (.boolean, .string(let text)):
            guard let flag = Bool(caseInsensitive: text) else { throw mismatch("TRUE or FALSE") }
            return flag.sqlValue
        case (.boolean, _): throw mismatch("TRUE or FALSE")
        case (.dateTime, .string(let text)):
            guard let seconds = DateTimeLiteral.seconds(from: text) else {
                throw mismatch("a datetime such as '20240131120000.000000+000' or '2024-01-31T12:00:00Z'")
            }
            return seconds.sqlValue
        case (.dateTime, .integer(let seconds)): return seconds.sqlValue
        case (.dateTime, _): throw mismatch("a datetime")
        case (.uint32, _), (.sint32, _), (.int64, _):
            switch literal {
            case .integer(let number): return number.sqlValue
            case .real(let number): return number.sqlValue
            case .string(let text):
                if let number = Int64(text) { return number.sqlValue }
                if let number = Double(text), number.isFinite { return number.sqlValue }
                throw mismatch("a number")
            case .boolean, .null: throw mismatch("a number")
            }
        }
    }

    // MARK: Order

    /// The query's own ORDER BY terms (the family's default order follows them).
    func ordering() throws -> [QueryStatement.Ordering] {
        try query.ordering.map { key in QueryStatement.Ordering(try term(key.property).term, descending: key.descending) }
    }
}

extension WQLComparison {
    /// The comparison as the store writes it.
    var storeComparison: QueryComparison {
        switch self {
        case .equal: .equal
        case .notEqual: .notEqual
        case .less: .less
        case .greater: .greater
        case .lessOrEqual: .lessOrEqual
        case .greaterOrEqual: .greaterOrEqual
        }
    }
}

/// Parses the WQL the provider accepts:
///
/// ```
/// SELECT * | [DISTINCT] prop[, prop…] | COUNT(*) FROM Class [WHERE condition] [ORDER BY prop [ASC|DESC][, …]]
/// ```
///
/// Conditions combine comparisons (`= <> != < > <= >=`), `[NOT] LIKE`, `IS [NOT] NULL`,
/// `ISA`, `[NOT] IN (…)` (literals, or a subquery selecting one property) with `AND`, `OR`,
/// `NOT` and parentheses. `COUNT` and `DISTINCT` are not reserved: a property may still be
/// called so. Keywords and names are case-insensitive. Every error is ``ProviderError/invalidQuery(token:position:message:)``
/// naming the token, its 1-based character position and what was expected there.
struct WQLParser {
    /// Queries longer than this are refused before parsing.
    static let maximumLength = 65_536
    /// Deeper nesting than this (parentheses, NOT) is refused, so a hostile query cannot
    /// exhaust the stack.
    static let maximumDepth = 64

    private let tokens: [WQLToken]
    private var index = 0
    private var depth = 0

    private init(tokens: [WQLToken]) {
        self.tokens = tokens
    }

    static func parse(_ text: String) throws -> WQLQuery {
        guard text.utf8.count <= maximumLength else {
            throw ProviderError.limitsExceeded("the query is \(text.utf8.count) bytes long; the provider accepts up to \(maximumLength)")
        }
        var parser = WQLParser(tokens: try WQLLexer.tokens(of: text))
        return try parser.query()
    }

    // MARK: Grammar

    private mutating func query() throws -> WQLQuery {
        let result = try selectFrom()
        guard current.kind == .end else {
            let expected = result.ordering.isEmpty
                ? (result.condition == nil ? "expected WHERE, ORDER BY or the end of the query" : "expected AND, OR, ORDER BY or the end of the query")
                : "expected ASC, DESC, a comma or the end of the query"
            throw error(at: current, expected)
        }
        return result
    }

    /// `SELECT … FROM Class [WHERE …] [ORDER BY …]`, up to what follows it.
    private mutating func selectFrom() throws -> WQLQuery {
        try expect(.select, "expected SELECT")
        var isDistinct = false, isCount = false
        if current.kind == .identifier, current.text.uppercased() == "DISTINCT" {
            isDistinct = true
            advance()
        }
        if current.kind == .identifier, current.text.uppercased() == "COUNT", tokens[min(index + 1, tokens.count - 1)].isSymbol("(") {
            // The SMS Provider does not take COUNT and DISTINCT together (reference §8.2).
            if isDistinct { throw error(at: current, "COUNT and DISTINCT cannot be used together") }
            isCount = true
            advance()
            advance()
            guard consumeSymbol("*") else { throw error(at: current, "expected * in COUNT(*)") }
            guard consumeSymbol(")") else { throw error(at: current, "expected ) after COUNT(*") }
        }
        let selection = isCount ? nil : try selectList()
        if isDistinct, selection == nil {
            throw error(at: tokens[max(index - 1, 0)], "DISTINCT needs property names, not *")
        }
        try expect(.from, isCount ? "expected FROM after COUNT(*)" : "expected FROM or a comma")
        let className = try name("expected a class name after FROM")
        var condition: WQLCondition?
        if current.isKeyword(.where) {
            advance()
            condition = try orCondition()
        }
        var ordering: [WQLOrderKey] = []
        if current.isKeyword(.order) {
            advance()
            try expect(.by, "expected BY after ORDER")
            repeat {
                let property = try name("expected a property name to order by")
                var descending = false
                if current.isKeyword(.asc) {
                    advance()
                } else if current.isKeyword(.desc) {
                    descending = true
                    advance()
                }
                ordering.append(WQLOrderKey(property: property, descending: descending))
            } while consumeSymbol(",")
        }
        return WQLQuery(selection: selection, className: className, condition: condition, ordering: ordering, isCount: isCount, isDistinct: isDistinct)
    }

    private mutating func selectList() throws -> [WQLName]? {
        if consumeSymbol("*") { return nil }
        var names: [WQLName] = []
        repeat {
            names.append(try name("expected * or a property name"))
        } while consumeSymbol(",")
        return names
    }

    private mutating func orCondition() throws -> WQLCondition {
        var result = try andCondition()
        while current.isKeyword(.or) {
            advance()
            result = .or(result, try andCondition())
        }
        return result
    }

    private mutating func andCondition() throws -> WQLCondition {
        var result = try notCondition()
        while current.isKeyword(.and) {
            advance()
            result = .and(result, try notCondition())
        }
        return result
    }

    private mutating func notCondition() throws -> WQLCondition {
        try nested {
            if $0.current.isKeyword(.not) {
                $0.advance()
                return .not(try $0.notCondition())
            }
            if $0.consumeSymbol("(") {
                let inner = try $0.orCondition()
                guard $0.consumeSymbol(")") else { throw $0.error(at: $0.current, "expected ) or AND, OR") }
                return inner
            }
            return try $0.predicate()
        }
    }

    private mutating func predicate() throws -> WQLCondition {
        let left = try operand("expected a property name, a literal, NOT or (")
        let token = current
        switch token.kind {
        case .symbol:
            guard let comparison = WQLComparison(symbol: token.text) else {
                throw error(at: token, "expected a comparison operator (= <> != < > <= >=), LIKE, IS, ISA or IN")
            }
            advance()
            let right = try operand("expected a property name or a literal after \(token.text)")
            return .comparison(left, comparison, right)
        case .keyword(.like):
            advance()
            return try like(left, negated: false)
        case .keyword(.not):
            advance()
            if current.isKeyword(.like) {
                advance()
                return try like(left, negated: true)
            }
            if current.isKeyword(.in) {
                advance()
                return try inList(left, negated: true)
            }
            throw error(at: current, "expected LIKE or IN after NOT")
        case .keyword(.is):
            advance()
            let negated = current.isKeyword(.not)
            if negated { advance() }
            try expect(.null, negated ? "expected NULL after IS NOT" : "expected NULL or NOT after IS")
            return .isNull(left, negated: negated)
        case .keyword(.isa):
            advance()
            guard case .property(let subject) = left else {
                throw error(at: token, "ISA needs __CLASS or __THIS on its left")
            }
            guard current.kind == .string else { throw error(at: current, "expected a quoted class name after ISA") }
            let className = WQLName(text: current.value, position: current.position)
            advance()
            return .isa(subject, className: className)
        case .keyword(.in):
            advance()
            return try inList(left, negated: false)
        default:
            throw error(at: token, "expected a comparison operator (= <> != < > <= >=), LIKE, IS, ISA or IN")
        }
    }

    private mutating func like(_ left: WQLOperand, negated: Bool) throws -> WQLCondition {
        guard current.kind == .string else { throw error(at: current, "expected a quoted pattern after LIKE") }
        let pattern = current
        advance()
        return .like(left, pattern: pattern.value, patternPosition: pattern.position, negated: negated)
    }

    private mutating func inList(_ left: WQLOperand, negated: Bool) throws -> WQLCondition {
        guard consumeSymbol("(") else { throw error(at: current, "expected ( after IN") }
        if current.isKeyword(.select) {
            let start = current
            let subquery = try nested { try $0.selectFrom() }
            guard subquery.selection?.count == 1, !subquery.isCount else {
                throw error(at: start, "a subquery in IN selects exactly one property")
            }
            guard consumeSymbol(")") else { throw error(at: current, "expected ) after the subquery") }
            return .inSubquery(left, subquery, position: start.position, negated: negated)
        }
        var values: [WQLOperand] = []
        repeat {
            let value = try operand("expected a literal in the IN list")
            guard case .literal = value else { throw error(at: value, "expected a literal in the IN list") }
            values.append(value)
        } while consumeSymbol(",")
        guard consumeSymbol(")") else { throw error(at: current, "expected , or ) in the IN list") }
        return .in(left, values, negated: negated)
    }

    private mutating func operand(_ expected: String) throws -> WQLOperand {
        let token = current
        let literal: WQLLiteral
        switch token.kind {
        case .identifier:
            advance()
            return .property(WQLName(text: token.text, position: token.position))
        case .string:
            literal = .string(token.value)
        case .number:
            if let integer = Int64(token.text) {
                literal = .integer(integer)
            } else if !token.text.contains(".") {
                throw error(at: token, "number out of range for a 64-bit integer")
            } else if let real = Double(token.text) {
                literal = .real(real)
            } else {
                throw error(at: token, "malformed number")
            }
        case .keyword(.true): literal = .boolean(true)
        case .keyword(.false): literal = .boolean(false)
        case .keyword(.null): literal = .null
        default:
            throw error(at: token, expected)
        }
        advance()
        return .literal(literal, position: token.position, text: token.text)
    }

    // MARK: Tokens

    private var current: WQLToken { tokens[index] }

    private mutating func advance() {
        if index < tokens.count - 1 { index += 1 }
    }

    private mutating func consumeSymbol(_ symbol: String) -> Bool {
        guard current.isSymbol(symbol) else { return false }
        advance()
        return true
    }

    private mutating func expect(_ keyword: WQLKeyword, _ message: String) throws {
        guard current.isKeyword(keyword) else { throw error(at: current, message) }
        advance()
    }

    private mutating func name(_ expected: String) throws -> WQLName {
        guard current.kind == .identifier else { throw error(at: current, expected) }
        defer { advance() }
        return WQLName(text: current.text, position: current.position)
    }

    private mutating func nested<T>(_ body: (inout WQLParser) throws -> T) throws -> T {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            throw error(at: current, "conditions nested deeper than \(Self.maximumDepth) levels")
        }
        return try body(&self)
    }

    private func error(at token: WQLToken, _ message: String) -> ProviderError {
        .invalidQuery(token: token.displayText, position: token.position, message: message)
    }

    private func error(at operand: WQLOperand, _ message: String) -> ProviderError {
        .invalidQuery(token: operand.text, position: operand.position, message: message)
    }
}

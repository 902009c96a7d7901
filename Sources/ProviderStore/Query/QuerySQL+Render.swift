/// Writing a ``QuerySQL`` for one engine: the WQL renderer.
///
/// SQLite: `COLLATE NOCASE` (which the `…_nocase` indexes serve), `LIKE … ESCAPE '\'` (ASCII
/// case folding) and `GLOB` on the lowercased value for patterns with sets, `json_each` and
/// `json_extract`. PostgreSQL: `CAST(… AS citext)` (a no-op on the columns the schema
/// declares `citext`, so their indexes serve), `ILIKE … ESCAPE '\'`, `~` with an anchored
/// regular expression for patterns with sets, `jsonb` functions.
extension QuerySQL {
    /// The statement as `engine` reads it, with its arguments in placeholder order.
    public func render(_ dialect: SQLDialect) -> SQLFragment {
        var out = SQLFragment("")
        for piece in pieces {
            out += Self.render(piece, dialect)
        }
        return out
    }

    private static func render(_ piece: Piece, _ dialect: SQLDialect) -> SQLFragment {
        switch piece {
        case .text(let text):
            return SQLFragment(text)
        case .value(let value):
            return .value(value)
        case .list(let values):
            return SQLFragment("(" + Array(repeating: "?", count: values.count).joined(separator: ",") + ")", SQLArguments(values))
        case .caseless(let expression):
            let inner = expression.render(dialect)
            return SQLFragment(dialect.caseless(inner.sql), inner.arguments)
        case .never:
            return SQLFragment(dialect.never)
        case .always:
            return SQLFragment(dialect.always)
        case .isTrue(let expression):
            let inner = expression.render(dialect)
            switch dialect {
            case .sqlite: return inner
            case .postgresql: return "(" + inner + ") <> 0"
            }
        case .like(let subject, let pattern):
            return like(subject.render(dialect), pattern, dialect)
        case .textAs(let conversion, let expression):
            return convert(expression.render(dialect), conversion, dialect)
        case .attribute(let column, let name, let conversion):
            // `@` stands for the attribute's value.
            let (value, template): (SQLFragment, String) = switch dialect {
            case .sqlite:
                (SQLFragment("json_extract(a.value, '$[1]')"), "(SELECT @ FROM json_each(\(column)) a WHERE json_extract(a.value, '$[0]') = ? LIMIT 1)")
            case .postgresql:
                (SQLFragment("(a.value ->> 1)"),
                 "(SELECT @ FROM jsonb_array_elements(CAST(\(column) AS jsonb)) a(value) WHERE (a.value ->> 0) = ? LIMIT 1)")
            }
            let read = conversion.map { convert(value, $0, dialect) } ?? value
            var out = fill(template, with: read)
            out.arguments.append(name)
            return out
        case .expressionProperty(let content, let name, let conversion):
            // `@` stands for the entry's value; an entry's name is the first `name` attribute of a
            // `<variable>` (`{"variable":{"_0":{"attributes":[[name, value], …],"value":…}}}`). Only
            // an array is read: a foreign operand's content is an object, which PostgreSQL would
            // refuse to take apart (and may meet before a `kind` condition leaves it out).
            let (value, template): (SQLFragment, String) = switch dialect {
            case .sqlite:
                (SQLFragment("json_extract(e.value, '$.variable._0.value')"), """
                    (SELECT @ FROM json_each(CASE WHEN json_type(\(content)) = 'array' THEN \(content) END) e WHERE \(dialect.caseless("""
                    (SELECT json_extract(a.value, '$[1]') FROM json_each(e.value, '$.variable._0.attributes') a \
                    WHERE json_extract(a.value, '$[0]') = 'name' ORDER BY a.key LIMIT 1)
                    """)) = ? ORDER BY e.key LIMIT 1)
                    """)
            case .postgresql:
                (SQLFragment("(e.value #>> '{variable,_0,value}')"), """
                    (SELECT @ FROM jsonb_array_elements(CASE WHEN jsonb_typeof(CAST(\(content) AS jsonb)) = 'array' THEN CAST(\(content) AS jsonb) END)
                    WITH ORDINALITY e(value, key) WHERE \(dialect.caseless("""
                    (SELECT (a.value ->> 1) FROM jsonb_array_elements(e.value #> '{variable,_0,attributes}') WITH ORDINALITY a(value, key) \
                    WHERE (a.value ->> 0) = 'name' ORDER BY a.key LIMIT 1)
                    """)) = ? ORDER BY e.key LIMIT 1)
                    """)
            }
            let read = conversion.map { convert(value, $0, dialect) } ?? value
            var out = fill(template, with: read)
            out.arguments.append(name)
            return out
        case .jsonElements(let column, let alias):
            return switch dialect {
            case .sqlite: SQLFragment("json_each(\(column)) \(alias)")
            case .postgresql: SQLFragment("jsonb_array_elements(CAST(\(column) AS jsonb)) WITH ORDINALITY \(alias)(value, key)")
            }
        case .jsonMember(let alias, let key):
            return switch dialect {
            case .sqlite: SQLFragment("json_extract(\(alias).value, '$.\(key)')")
            case .postgresql: SQLFragment("(\(alias).value ->> '\(key)')")
            }
        case .inIDs(let ids):
            let list = "[" + ids.map(String.init).joined(separator: ",") + "]"
            switch dialect {
            case .sqlite: return SQLFragment("IN (SELECT value FROM json_each(?))", [list])
            case .postgresql: return SQLFragment("IN (SELECT CAST(jsonb_array_elements_text(CAST(? AS jsonb)) AS bigint))", [list])
            }
        case .readable(let set, let column):
            return set.condition(on: column, dialect: dialect) ?? SQLFragment(dialect.always)
        case .permissionEntries(let visibility, let instances):
            return visibility.condition(instances: instances, dialect: dialect) ?? SQLFragment(dialect.always)
        }
    }

    // MARK: Patterns

    private static func like(_ subject: SQLFragment, _ pattern: QueryPattern, _ dialect: SQLDialect) -> SQLFragment {
        switch (dialect, pattern.hasSets) {
        case (_, false):
            return SQLFragment(dialect.caselessLike(subject.sql), subject.arguments + [likePattern(pattern)])
        case (.sqlite, true):
            return "lower(" + subject + ") GLOB " + .value(.text(globPattern(pattern)))
        case (.postgresql, true):
            return "lower(" + subject + ") ~ " + .value(.text(regexPattern(pattern)))
        }
    }

    /// The pattern for `LIKE`/`ILIKE … ESCAPE '\'` (patterns without sets).
    static func likePattern(_ pattern: QueryPattern) -> String {
        var result = ""
        for element in pattern.elements {
            switch element {
            case .anyRun: result += "%"
            case .anyOne: result += "_"
            case .literal(let character):
                if "%_\\".contains(character) { result += "\\" }
                result.append(character)
            case .set:
                break  // patterns with sets match otherwise
            }
        }
        return result
    }

    /// The pattern for SQLite `GLOB`, lowercased, to match a lowercased value.
    static func globPattern(_ pattern: QueryPattern) -> String {
        var result = ""
        for element in pattern.elements {
            switch element {
            case .anyRun: result += "*"
            case .anyOne: result += "?"
            case .literal(let character):
                let lowered = lowercased(character)
                result += "*?[".contains(lowered) ? "[\(lowered)]" : String(lowered)
            case .set(let negated, let members):
                result += globSet(negated: negated, members: members)
            }
        }
        return result
    }

    /// A GLOB set: `]` goes first, `^` anywhere but first, `-` last, so each stays literal.
    private static func globSet(negated: Bool, members: [QueryPattern.SetMember]) -> String {
        var body = ""
        var closing = false, caret = false, dash = false
        for member in members {
            switch member {
            case .character(let character):
                switch lowercased(character) {
                case "]": closing = true
                case "^": caret = true
                case "-": dash = true
                case let other: body.append(other)
                }
            case .range(let low, let high):
                body += "\(lowercased(low))-\(lowercased(high))"
            }
        }
        var inside = (closing ? "]" : "") + body
        if caret {
            if inside.isEmpty, !negated {
                // A leading ^ would negate the set: lead with the dash, or drop the set.
                guard dash else { return "^" }
                inside = "-^"
                dash = false
            } else {
                inside += "^"
            }
        }
        if dash { inside += "-" }
        return "[" + (negated ? "^" : "") + inside + "]"
    }

    /// The pattern as an anchored POSIX regular expression over the lowercased value, for
    /// PostgreSQL's `~`.
    static func regexPattern(_ pattern: QueryPattern) -> String {
        var result = "^"
        for element in pattern.elements {
            switch element {
            case .anyRun: result += ".*"
            case .anyOne: result += "."
            case .literal(let character): result += regexLiteral(lowercased(character))
            case .set(let negated, let members):
                var body = ""
                for member in members {
                    switch member {
                    case .character(let character): body += regexSetMember(lowercased(character))
                    case .range(let low, let high): body += regexSetMember(lowercased(low)) + "-" + regexSetMember(lowercased(high))
                    }
                }
                result += "[" + (negated ? "^" : "") + body + "]"
            }
        }
        return result + "$"
    }

    private static func regexLiteral(_ character: Character) -> String {
        "\\^$.|?*+()[]{}".contains(character) ? "\\\(character)" : String(character)
    }

    private static func regexSetMember(_ character: Character) -> String {
        "\\^-]".contains(character) ? "\\\(character)" : String(character)
    }

    /// ASCII letters fold, as in the provider's other string comparisons.
    private static func lowercased(_ character: Character) -> Character {
        guard character.isASCII, let ascii = character.asciiValue, (65...90).contains(ascii) else { return character }
        return Character(Unicode.Scalar(ascii + 32))
    }

    // MARK: Typed reading of text

    private static func convert(_ column: SQLFragment, _ conversion: QueryTextConversion, _ dialect: SQLDialect) -> SQLFragment {
        // `@` stands for the column, which the conversions read several times.
        let template: String = switch (conversion, dialect) {
        case (.boolean, _):
            "CASE lower(@) WHEN 'true' THEN 1 WHEN 'false' THEN 0 END"
        case (.uint32, .sqlite):
            "CASE WHEN @ <> '' AND @ NOT GLOB '*[^0-9]*' AND length(@) <= 10 AND CAST(@ AS INTEGER) <= 4294967295 THEN CAST(@ AS INTEGER) END"
        case (.sint32, .sqlite):
            "CASE WHEN ltrim(@, '-') <> '' AND ltrim(@, '-') NOT GLOB '*[^0-9]*' AND length(@) - length(ltrim(@, '-')) <= 1 "
                + "AND length(ltrim(@, '-')) <= 18 AND CAST(@ AS INTEGER) BETWEEN -2147483648 AND 2147483647 THEN CAST(@ AS INTEGER) END"
        case (.int64, .sqlite):
            "CASE WHEN ltrim(@, '-') <> '' AND ltrim(@, '-') NOT GLOB '*[^0-9]*' AND length(@) - length(ltrim(@, '-')) <= 1 "
                + "AND length(ltrim(@, '-')) <= 18 THEN CAST(@ AS INTEGER) END"
        // PostgreSQL does not promise to evaluate AND in order: the shape is checked in an outer
        // CASE before the cast can run.
        case (.uint32, .postgresql):
            "CASE WHEN @ ~ '^[0-9]{1,10}$' THEN CASE WHEN CAST(@ AS bigint) <= 4294967295 THEN CAST(@ AS bigint) END END"
        case (.sint32, .postgresql):
            "CASE WHEN @ ~ '^-?[0-9]{1,18}$' THEN CASE WHEN CAST(@ AS bigint) BETWEEN -2147483648 AND 2147483647 THEN CAST(@ AS bigint) END END"
        case (.int64, .postgresql):
            "CASE WHEN @ ~ '^-?[0-9]{1,18}$' THEN CAST(@ AS bigint) END"
        }
        return fill(template, with: column)
    }

    /// `template` with `fragment` wherever `@` stands.
    private static func fill(_ template: String, with fragment: SQLFragment) -> SQLFragment {
        var result = SQLFragment("")
        for (index, part) in template.split(separator: "@", omittingEmptySubsequences: false).enumerated() {
            if index > 0 { result += fragment }
            result.sql += part
        }
        return result
    }
}

/// What the WQL renderer and the Read filters write differently per engine.
extension SQLDialect {
    /// `expression` compared without regard to case. SQLite compares through `COLLATE NOCASE`,
    /// which the `…_nocase` indexes serve; PostgreSQL through `citext`, a cast that vanishes on
    /// the columns the schema declares `citext` (so their indexes serve) and makes any other
    /// text compare without case.
    public func caseless(_ expression: String) -> String {
        switch self {
        case .sqlite: "\(expression) COLLATE NOCASE"
        case .postgresql: "CAST(\(expression) AS citext)"
        }
    }

    /// A condition that holds for no row (SQLite has no boolean type, PostgreSQL wants one).
    public var never: String {
        switch self {
        case .sqlite: "0"
        case .postgresql: "FALSE"
        }
    }

    /// A condition that holds for every row.
    public var always: String {
        switch self {
        case .sqlite: "1"
        case .postgresql: "TRUE"
        }
    }

    /// `IN (…)` over a list of keys. SQLite binds them as one JSON argument, however many there
    /// are, so its limit on bound parameters is never reached; PostgreSQL binds one untyped
    /// argument per key (it allows 65,535), so each takes the type of the column it is compared
    /// with — text, `citext` or an integer ResourceID — and the column's index serves.
    public func inKeys(_ keys: [String]) -> SQLFragment {
        switch self {
        case .sqlite:
            let list = "[" + keys.map(Self.jsonString).joined(separator: ",") + "]"
            return SQLFragment("IN (SELECT value FROM json_each(?))", [list])
        case .postgresql:
            return keys.isEmpty ? SQLFragment("IN (NULL)") : "IN " + .list(keys)
        }
    }

    /// `value` as a JSON string literal.
    static func jsonString(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

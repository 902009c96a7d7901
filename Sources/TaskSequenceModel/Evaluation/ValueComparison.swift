/// How the engine compares condition values.
enum ValueComparison {
    /// Compares two values the way variable and registry expressions do: as numbers when both
    /// read as decimal numbers, else as text without regard to case.
    static func compare(_ lhs: String, _ rhs: String) -> Int {
        if let left = number(lhs), let right = number(rhs) {
            return left < right ? -1 : (left > right ? 1 : 0)
        }
        let left = lhs.lowercased(), right = rhs.lowercased()
        return left < right ? -1 : (left > right ? 1 : 0)
    }

    /// Compares dotted versions (`10.0.19041.1`) component by component, missing components
    /// counting as 0; falls back to ``compare(_:_:)`` when a component is not a number.
    static func compareVersions(_ lhs: String, _ rhs: String) -> Int {
        let left = lhs.trimmingSpaces.split(separator: ".").map { UInt64($0) }
        let right = rhs.trimmingSpaces.split(separator: ".").map { UInt64($0) }
        guard !left.contains(nil), !right.contains(nil) else { return compare(lhs, rhs) }
        for index in 0..<max(left.count, right.count) {
            let l = index < left.count ? left[index] ?? 0 : 0
            let r = index < right.count ? right[index] ?? 0 : 0
            if l != r { return l < r ? -1 : 1 }
        }
        return 0
    }

    /// Compares CIM datetimes (`yyyymmddHHMMSS.mmmmmmsUUU`) in UTC; falls back to
    /// ``compare(_:_:)`` when either does not parse.
    static func compareDates(_ lhs: String, _ rhs: String) -> Int {
        guard let left = CIMDateTime.microseconds(from: String(lhs.trimmingSpaces)),
              let right = CIMDateTime.microseconds(from: String(rhs.trimmingSpaces)) else { return compare(lhs, rhs) }
        return left < right ? -1 : (left > right ? 1 : 0)
    }

    /// The result of a comparison operator applied to `order` (`compare`'s result), or `nil`
    /// for an operator that is not a comparison.
    static func holds(_ op: String, order: Int) -> Bool? {
        switch op.lowercased() {
        case "equals": order == 0
        case "notequals": order != 0
        case "less": order < 0
        case "lessequal": order <= 0
        case "greater": order > 0
        case "greaterequal": order >= 0
        default: nil
        }
    }

    /// A decimal number: optional sign, digits, optional fraction. Not `1e5`, `inf` or hex.
    static func number(_ text: String) -> Double? {
        let trimmed = text.trimmingSpaces
        var characters = trimmed[...]
        if characters.first == "-" || characters.first == "+" { characters = characters.dropFirst() }
        let parts = characters.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count),
              parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        return Double(trimmed)
    }

    /// SQL-style LIKE without regard to case: `%` matches any run of characters, `_` any one.
    static func like(_ text: String, pattern: String) -> Bool {
        let text = Array(text.lowercased()), pattern = Array(pattern.lowercased())
        var t = 0, p = 0
        var starPattern: Int?, starText = 0
        while t < text.count {
            if p < pattern.count, pattern[p] == "_" || (pattern[p] != "%" && pattern[p] == text[t]) {
                t += 1
                p += 1
            } else if p < pattern.count, pattern[p] == "%" {
                starPattern = p
                starText = t
                p += 1
            } else if let star = starPattern {
                // Let the last % swallow one more character and retry.
                p = star + 1
                starText += 1
                t = starText
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "%" { p += 1 }
        return p == pattern.count
    }
}

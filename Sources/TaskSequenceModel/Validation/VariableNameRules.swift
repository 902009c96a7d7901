/// The rules for task sequence variable names (reference §9).
///
/// Names are 1–256 characters of ASCII letters, digits, `_` and `-`, start with a letter, and
/// compare without regard to case. Leading and trailing spaces are ignored. A leading `_` marks
/// the engine's read-only built-ins (`_SMSTSInWinPE`), which a step cannot set.
public enum VariableNameRules {
    /// The longest name allowed.
    public static let maximumLength = 256
    /// The longest value a variable may hold.
    public static let maximumValueLength = 4000

    /// One way a name breaks the rules.
    public enum Violation: Sendable, Hashable, CustomStringConvertible {
        case empty
        /// Longer than ``maximumLength``.
        case tooLong(length: Int)
        /// A character other than a letter, digit, `_` or `-` (embedded spaces included).
        case invalidCharacter(Character)
        /// Starts with a digit or `-`. The documentation forbids it but real sequences do it
        /// (`2PintTurboLicense`) and the product accepts them.
        case doesNotStartWithLetter
        /// Starts with `_`: a read-only built-in name. Only meaningful for names being written.
        case readOnly

        public var description: String {
            switch self {
            case .empty: "is empty"
            case .tooLong(let length): "length \(length) exceeds 1-\(VariableNameRules.maximumLength)"
            case .invalidCharacter(let character): "contains '\(character)'; only letters, digits, '_' and '-' are allowed"
            case .doesNotStartWithLetter: "does not start with a letter"
            case .readOnly: "starts with '_', which marks read-only built-in variables"
            }
        }
    }

    /// Every way `name` breaks the rules; empty when it is a valid name.
    ///
    /// - Parameter forWriting: the name is one a step sets (so `_` names are read-only), not one
    ///   it reads.
    public static func violations(in name: String, forWriting: Bool) -> [Violation] {
        if let verdict = asciiViolations(in: name, forWriting: forWriting) { return verdict }
        let trimmed = name.trimmingSpaces
        guard let first = trimmed.first else { return [.empty] }
        var result: [Violation] = []
        if trimmed.count > maximumLength { result.append(.tooLong(length: trimmed.count)) }
        if let invalid = trimmed.first(where: { !isAllowed($0) }) { result.append(.invalidCharacter(invalid)) }
        if first == "_" {
            if forWriting { result.append(.readOnly) }
        } else if !(first.isASCII && first.isLetter) {
            result.append(.doesNotStartWithLetter)
        }
        return result
    }

    /// Whether `name` is a valid name (for reading, or for writing when `forWriting`).
    public static func isValid(_ name: String, forWriting: Bool = true) -> Bool {
        violations(in: name, forWriting: forWriting).isEmpty
    }

    /// ``violations(in:forWriting:)`` read from the bytes, for the names nearly every file
    /// holds: only letters, digits, `_` and `-` (spaces or tabs around them), which are one
    /// character each. `nil` for any other name, which the character walk settles.
    private static func asciiViolations(in name: String, forWriting: Bool) -> [Violation]? {
        var name = name
        return name.withUTF8 { bytes -> [Violation]? in
            var start = 0, end = bytes.count
            while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
            while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
            guard start < end else { return nil }
            for index in start..<end where !isAllowedByte(bytes[index]) { return nil }
            var result: [Violation] = []
            if end - start > maximumLength { result.append(.tooLong(length: end - start)) }
            let first = bytes[start]
            if first == UInt8(ascii: "_") {
                if forWriting { result.append(.readOnly) }
            } else if !isLetterByte(first) {
                result.append(.doesNotStartWithLetter)
            }
            return result
        }
    }

    private static func isLetterByte(_ byte: UInt8) -> Bool {
        ByteScan.foldedASCII(byte) &- UInt8(ascii: "a") < 26
    }

    private static func isAllowedByte(_ byte: UInt8) -> Bool {
        isLetterByte(byte) || byte &- UInt8(ascii: "0") < 10 || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    private static func isAllowed(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "_" || character == "-")
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = firstIndex(where: { !isSpace($0) }),
              let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        return self[start...end]
    }
}

/// The rules for variables set on collections and computers (reference §9).
public enum DeploymentVariableRules {
    /// The longest name.
    public static let maximumNameLength = 256
    /// The longest value, in characters.
    public static let maximumValueLength = 4_000
    /// At most this many variables on one computer.
    public static let maximumPerComputer = 1_000

    /// Why `name` cannot be a variable name, or `nil` when it can: 1–256 characters, letters,
    /// digits, `_` and `-` only, starting with a letter (so never with the `_` of read-only
    /// built-ins).
    public static func problem(withName name: String) -> String? {
        if name.isEmpty { return "a variable name cannot be empty" }
        if name.count > maximumNameLength {
            return "'\(name.prefix(40))…' is \(name.count) characters long; a variable name has at most \(maximumNameLength)"
        }
        if name.hasPrefix("_") {
            return "'\(name)' starts with an underscore, which only read-only built-in variables do"
        }
        guard let first = name.unicodeScalars.first, isASCIILetter(first) else {
            return "'\(name)' must start with a letter A-Z or a-z"
        }
        if let bad = name.unicodeScalars.first(where: { !isASCIILetter($0) && !("0"..."9").contains($0) && $0 != "_" && $0 != "-" }) {
            return "'\(name)' holds '\(printable(bad))'; a variable name has only letters, digits, underscores and hyphens"
        }
        return nil
    }

    /// Why `value` cannot be a variable value, or `nil` when it can (at most 4,000 characters).
    public static func problem(withValue value: String) -> String? {
        value.count > maximumValueLength
            ? "the value is \(value.count) characters long; a variable value has at most \(maximumValueLength)"
            : nil
    }

    private static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    private static func printable(_ scalar: Unicode.Scalar) -> String {
        scalar.value < 0x20 || scalar.value == 0x7F ? "U+" + String(scalar.value, radix: 16, uppercase: true) : String(scalar)
    }
}

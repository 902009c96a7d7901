/// Finds passwords written in clear text in command lines and scripts.
///
/// Recognised forms, compared without regard to case:
/// - a switch whose name ends in `password`, `passwd` or `pwd` with its value joined by `:` or
///   `=` (`/password:x`, `/AdminPassword=x`, `-Password:x`) or in the next word
///   (`-Password x`, `-pwd x`);
/// - `/p:x` (MSBuild, robocopy-style tools and `cmdkey` take a password so);
/// - `password=x` inside a word (connection strings: `…;Password=x;…`);
/// - `net use` with a positional password (`net use Z: \\srv\share x /user:dom\u`).
///
/// A value is not a clear-text secret when it is empty, `*` (the tool prompts), a whole
/// `%Variable%` reference (expanded from a hidden variable at run time), or a PowerShell
/// expression (`$pw`, `$(…)`, `(…)`). Scripts are read one line at a time.
public enum ClearTextSecretScanner {
    /// One password written in clear: the switch that carries it (never the value itself).
    public struct Hit: Sendable, Hashable {
        /// `-Password`, `/password:`, `net use … /user:`.
        public var form: String
        /// 1-based line of the text it is on.
        public var line: Int
    }

    /// Every clear-text password in `text`.
    public static func scan(_ text: String) -> [Hit] {
        var hits: [Hit] = []
        var lineNumber = 0
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            lineNumber += 1
            guard mightHold(line) else { continue }
            for form in scanLine(words(of: line)) {
                hits.append(Hit(form: form, line: lineNumber))
            }
        }
        return hits
    }

    /// A cheap test before splitting a line into words.
    private static func mightHold(_ line: Substring) -> Bool {
        let lower = line.lowercased()
        return lower.contains("pass") || lower.contains("pwd") || lower.contains("/p:") || lower.contains("net")
    }

    private static let passwordSuffixes = ["password", "passwd", "pwd"]

    private static func scanLine(_ words: [String]) -> [String] {
        var forms: [String] = []
        var index = 0
        while index < words.count {
            let word = words[index]
            let lower = word.lowercased()
            defer { index += 1 }
            if lower == "net" || lower == "net.exe" || lower.hasSuffix("\\net.exe"),
               index + 1 < words.count, words[index + 1].lowercased() == "use" {
                if netUseHasPassword(Array(words[(index + 2)...])) { forms.append("net use … /user:") }
                index += 1
                continue
            }
            guard let first = lower.first, first == "/" || first == "-" else {
                if let range = lower.firstRange(of: "password=") {
                    let value = lower[range.upperBound...].prefix { $0 != ";" }
                    if isClearText(String(value)) { forms.append("password=") }
                }
                continue
            }
            let body = lower.drop { $0 == "/" || $0 == "-" }
            if let separator = body.firstIndex(where: { $0 == ":" || $0 == "=" }) {
                let switchName = body[..<separator]
                let offset = lower.distance(from: lower.startIndex, to: separator)
                let value = String(word.dropFirst(offset + 1))
                let isPasswordSwitch = passwordSuffixes.contains { switchName.hasSuffix($0) } || (first == "/" && switchName == "p")
                guard isPasswordSwitch else { continue }
                let candidate = value.isEmpty && index + 1 < words.count ? words[index + 1] : value
                if isClearText(candidate), !(value.isEmpty && isSwitch(candidate)) { forms.append(String(word.prefix(offset + 1))) }
            } else if first == "-", passwordSuffixes.contains(where: { body.hasSuffix($0) }), !body.contains("plaintext") {
                // `-NoPassword -Force`: the next word is another switch, not a value.
                guard index + 1 < words.count, !isSwitch(words[index + 1]) else { continue }
                if isClearText(words[index + 1]) { forms.append(word) }
            }
        }
        return forms
    }

    /// `net use [device] [\\share] [password|*] [/user:…] [/options]`: a word that is not the
    /// device, the share or an option is the password.
    private static func netUseHasPassword(_ arguments: [String]) -> Bool {
        var sawShare = false
        for word in arguments {
            let unquoted = stripQuotes(word)
            if unquoted.hasPrefix("/") || unquoted.hasPrefix("&") || unquoted == "|" { continue }
            if !sawShare {
                if unquoted.hasPrefix("\\\\") { sawShare = true }
                continue  // the device (`Z:`, `*`) or the share itself
            }
            return isClearText(word)
        }
        return false
    }

    /// Whether `value` is a literal secret rather than a reference or a prompt.
    static func isClearText(_ value: String) -> Bool {
        let unquoted = stripQuotes(value)
        guard !unquoted.isEmpty, unquoted != "*" else { return false }
        if unquoted.first == "$" || unquoted.first == "(" || unquoted.first == "@" || unquoted.first == "{" { return false }
        if unquoted.count >= 2, unquoted.first == "%", unquoted.last == "%" { return false }
        return true
    }

    /// A PowerShell-style switch (`-Force`), not a value.
    private static func isSwitch(_ word: String) -> Bool {
        guard word.first == "-", let second = word.dropFirst().first else { return false }
        return second.isLetter
    }

    private static func stripQuotes(_ value: String) -> String {
        var result = Substring(value)
        while let first = result.first, first == "\"" || first == "'" { result = result.dropFirst() }
        while let last = result.last, last == "\"" || last == "'" || last == ";" || last == ")" { result = result.dropLast() }
        return String(result)
    }

    /// The line split at spaces and tabs, keeping `"…"` together.
    private static func words(of line: Substring) -> [String] {
        var words: [String] = []
        var current = ""
        var quoted = false
        for character in line {
            if character == "\"" { quoted.toggle() }
            if !quoted, character == " " || character == "\t" {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}

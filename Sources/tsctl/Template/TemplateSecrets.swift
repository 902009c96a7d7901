import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A secret a template takes, by its name in a secrets file.
enum TemplateSecret: String, CaseIterable {
    case adminPassword = "admin-password"
    case joinPassword = "join-password"
    case capturePassword = "capture-password"
    case productKey = "product-key"

    /// The CreateFromTemplate parameter it fills.
    var parameter: String {
        switch self {
        case .adminPassword: "AdminPassword"
        case .joinPassword: "JoinPassword"
        case .capturePassword: "CapturePassword"
        case .productKey: "ProductKey"
        }
    }
}

/// Passwords and product keys for templates, read from a file or a terminal: never from the
/// command line, where other users could read them in the process list.
enum TemplateSecrets {
    /// `NAME=VALUE` lines of a secrets file; blank lines and `#` comments are skipped. A line
    /// that is not a known secret is refused naming the line, never echoing the value.
    static func read(path: String) throws -> [TemplateSecret: String] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw CommandFailure("cannot read secrets file \(path): \(error.localizedDescription)")
        }
        var secrets: [TemplateSecret: String] = [:]
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else {
                throw CommandFailure("secrets file \(path), line \(number + 1): expected NAME=VALUE with NAME one of \(known)")
            }
            let name = line[..<equals].trimmingCharacters(in: .whitespaces)
            guard let secret = TemplateSecret(rawValue: name.lowercased()) else {
                throw CommandFailure("secrets file \(path), line \(number + 1): unknown secret '\(name)'; expected one of \(known)")
            }
            secrets[secret] = String(line[line.index(after: equals)...])
        }
        return secrets
    }

    /// Asks for `secret` on the terminal without echo; `nil` when standard input is not a
    /// terminal (the service then names what is missing).
    static func prompt(for secret: TemplateSecret) throws -> String? {
        guard isatty(STDIN_FILENO) == 1 else { return nil }
        var saved = termios()
        let readSettings = tcgetattr(STDIN_FILENO, &saved) == 0
        var hidden = saved
        hidden.c_lflag &= ~tcflag_t(ECHO)
        guard readSettings, tcsetattr(STDIN_FILENO, TCSANOW, &hidden) == 0 else {
            // A secret is never typed where it shows.
            throw CommandFailure("cannot turn off echo on the terminal to ask for \(secret.rawValue); give it in --secrets-file")
        }
        // Only now ask: an answer typed as soon as the question shows is not echoed.
        FileHandle.standardError.write(Data("\(secret.rawValue): ".utf8))
        defer {
            _ = tcsetattr(STDIN_FILENO, TCSANOW, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let answer = Swift.readLine(strippingNewline: true), !answer.isEmpty else {
            throw CommandFailure("no \(secret.rawValue) given")
        }
        return answer
    }

    private static var known: String { TemplateSecret.allCases.map(\.rawValue).joined(separator: ", ") }
}

import Foundation
import ProviderCore

/// The daemon's configuration file: one `key = value` per line, `#` comments.
///
/// Unknown keys are an error, so a misspelt setting is noticed at start-up rather than ignored.
struct ConfigFile: Equatable {
    var siteCode: String?
    var dataDirectory: String?
    /// User names and `@group` names with every right.
    var admins: [String] = []
    var maxXMLBytes: Int?
    /// History retention: the newest revisions of each package always kept, and the days
    /// within which every revision is kept. Neither set: all history is kept.
    var historyKeepRevisions: Int?
    var historyKeepDays: Int?
    /// A PostgreSQL URL (no password in it) to keep the store in instead of SQLite.
    var database: String?
    /// The file holding the PostgreSQL password (mode 0600 or stricter).
    var databasePasswordFile: String?

    static let knownKeys = [
        "site-code", "data-dir", "admins", "max-xml-bytes", "history-keep-revisions", "history-keep-days",
        "database", "database-password-file",
    ]

    struct Problem: Error, CustomStringConvertible {
        var path: String
        var line: Int
        var message: String
        var description: String { "\(path):\(line): \(message)" }
    }

    init() {}

    init(contentsOf path: String) throws {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw Problem(path: path, line: 0, message: "cannot read the file: \(error.localizedDescription)")
        }
        try self.init(parsing: text, path: path)
    }

    init(parsing text: String, path: String) throws {
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            let number = offset + 1
            guard let equals = trimmed.firstIndex(of: "=") else {
                throw Problem(path: path, line: number, message: "expected 'key = value', found '\(trimmed)'")
            }
            let key = trimmed[..<equals].trimmingCharacters(in: .whitespaces)
            let value = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "site-code": siteCode = value
            case "data-dir": dataDirectory = value
            case "database": database = value
            case "database-password-file": databasePasswordFile = value
            case "admins":
                admins = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            case "max-xml-bytes":
                guard let bytes = Int(value), bytes > 0 else {
                    throw Problem(path: path, line: number, message: "max-xml-bytes must be a positive number of bytes, found '\(value)'")
                }
                maxXMLBytes = bytes
            case "history-keep-revisions":
                guard let count = Int(value), count > 0 else {
                    throw Problem(path: path, line: number, message: "history-keep-revisions must be a positive number of revisions, found '\(value)'")
                }
                historyKeepRevisions = count
            case "history-keep-days":
                guard let days = Int(value), days >= 0 else {
                    throw Problem(path: path, line: number, message: "history-keep-days must be a number of days (0 or more), found '\(value)'")
                }
                historyKeepDays = days
            default:
                throw Problem(path: path, line: number, message: "unknown setting '\(key)'; known: \(Self.knownKeys.joined(separator: ", "))")
            }
        }
    }

    /// The retention the file asks for; `nil` keeps all history. With only days set, the newest
    /// revision is still always kept.
    var historyRetention: HistoryRetention? {
        guard historyKeepRevisions != nil || historyKeepDays != nil else { return nil }
        return HistoryRetention(keepRevisions: historyKeepRevisions ?? 1, keepDays: historyKeepDays)
    }
}

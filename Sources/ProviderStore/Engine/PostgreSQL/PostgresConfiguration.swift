import CLibPQ
import Foundation

/// Where a PostgreSQL store lives and how to log in, checked before any connection is made.
///
/// The URL is libpq's connection URI: `postgresql://user@host:port/dbname?sslmode=verify-full&sslrootcert=…`
/// or, on a Unix socket, `postgresql:///dbname?host=/run/postgresql`. TLS settings (`sslmode`,
/// `sslrootcert`, `sslcert`, `sslkey`) pass through to libpq. A password never goes in the URL
/// (it would sit in argv, the config file and logs): it comes from a `passwordFile` readable by
/// its owner only, from `PGPASSWORD`, or from `~/.pgpass`.
public struct PostgresConfiguration: Sendable, Equatable, CustomStringConvertible {
    /// The connection URI as given (it holds no password).
    public let url: String
    /// The file the password was read from, if one was named.
    public let passwordFile: String?
    /// How many connections one store opens at most (each transaction holds one).
    public let maximumConnections: Int
    /// "host:port/dbname" (or the socket directory), for messages.
    public let target: String
    /// The database's name as the URL gives it (nil: libpq's default, the user's name).
    public let databaseName: String?
    private let password: String?

    /// Checks `url` (a PostgreSQL URI without a password) and reads the password file, if any.
    public init(url: String, passwordFile: String? = nil, maximumConnections: Int = 4) throws(PostgresConfigurationError) {
        guard url.hasPrefix("postgresql://") || url.hasPrefix("postgres://") else {
            throw .notAPostgresURL(url)
        }
        let options = try Self.parse(url)
        if let password = options["password"], !password.isEmpty {
            throw .passwordInURL
        }
        guard maximumConnections >= 1 else { throw .invalidConnectionLimit(maximumConnections) }
        self.url = url
        self.passwordFile = passwordFile
        self.maximumConnections = maximumConnections
        self.password = try passwordFile.map { path throws(PostgresConfigurationError) in try Self.readPasswordFile(path) }
        let host = options["host"].flatMap { $0.isEmpty ? nil : $0 } ?? "local socket"
        let port = options["port"].flatMap { $0.isEmpty ? nil : ":" + $0 } ?? ""
        databaseName = options["dbname"].flatMap { $0.isEmpty ? nil : $0 }
        target = "\(host)\(port)/\(databaseName ?? options["user"] ?? "default database")"
    }

    /// The URL, never the password.
    public var description: String { url }

    /// libpq's keywords and values for PQconnectdbParams: defaults first, then the URI expanded
    /// in place of `dbname` (its settings win over the defaults), then the password.
    var connectionParameters: [(String, String)] {
        var parameters = [("connect_timeout", "10"), ("fallback_application_name", "tsproviderd"), ("dbname", url)]
        if let password { parameters.append(("password", password)) }
        return parameters
    }

    /// The URI's settings, by libpq's own parser.
    private static func parse(_ url: String) throws(PostgresConfigurationError) -> [String: String] {
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(url, &errorMessage) else {
            let message = errorMessage.map { String(cString: $0).droppingTrailingWhitespace() } ?? "out of memory"
            if let errorMessage { PQfreemem(errorMessage) }
            throw .invalidURL(url: url, reason: message)
        }
        defer { PQconninfoFree(options) }
        var settings: [String: String] = [:]
        var option = options
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val { settings[String(cString: keyword)] = String(cString: value) }
            option += 1
        }
        return settings
    }

    private static func readPasswordFile(_ path: String) throws(PostgresConfigurationError) -> String {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw .passwordFileUnreadable(path: path, reason: String(cString: strerror(errno)))
        }
        let mode = status.st_mode & 0o7777
        guard mode & 0o077 == 0 else { throw .passwordFileTooOpen(path: path, mode: mode) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .passwordFileUnreadable(path: path, reason: "cannot read it")
        }
        let password = String(decoding: data, as: UTF8.self).droppingTrailingWhitespace()
        guard !password.isEmpty else { throw .passwordFileUnreadable(path: path, reason: "it is empty") }
        return password
    }

    public static func == (lhs: PostgresConfiguration, rhs: PostgresConfiguration) -> Bool {
        lhs.url == rhs.url && lhs.passwordFile == rhs.passwordFile && lhs.maximumConnections == rhs.maximumConnections
    }
}

/// Why a PostgreSQL configuration was refused.
public enum PostgresConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The database option is not a `postgresql://` URL.
    case notAPostgresURL(String)
    /// libpq could not parse the URL.
    case invalidURL(url: String, reason: String)
    /// The URL carries a password.
    case passwordInURL
    /// The password file is readable by its group or by others.
    case passwordFileTooOpen(path: String, mode: mode_t)
    /// The password file cannot be read (or is empty).
    case passwordFileUnreadable(path: String, reason: String)
    /// A connection limit below one.
    case invalidConnectionLimit(Int)

    public var description: String {
        switch self {
        case .notAPostgresURL(let url):
            "the database URL must start with postgresql:// (got '\(url)')"
        case .invalidURL(let url, let reason):
            "the database URL '\(url)' is not valid: \(reason)"
        case .passwordInURL:
            "the database URL must not carry a password (it would show in the process list and logs): put it in a file named by database-password-file, or in PGPASSWORD or ~/.pgpass"
        case .passwordFileTooOpen(let path, let mode):
            "the database password file \(path) is readable by others (mode 0\(String(mode, radix: 8))): make it 0600 (chmod 600 \(path))"
        case .passwordFileUnreadable(let path, let reason):
            "cannot read the database password file \(path): \(reason)"
        case .invalidConnectionLimit(let limit):
            "the PostgreSQL connection limit must be at least 1 (got \(limit))"
        }
    }
}

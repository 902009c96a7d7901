import Foundation
import Testing
import TestSupport
@testable import ProviderStore

/// What a PostgreSQL configuration accepts and refuses, before any connection.
@Suite struct PostgresConfigurationTests {
    @Test func aPasswordInTheURLIsRefused() {
        #expect(throws: PostgresConfigurationError.passwordInURL) {
            try PostgresConfiguration(url: "postgresql://provider:secret@db.example.com:5432/tsprovider")
        }
        #expect(throws: PostgresConfigurationError.passwordInURL) {
            try PostgresConfiguration(url: "postgresql://provider@db.example.com/tsprovider?password=secret")
        }
        #expect(PostgresConfigurationError.passwordInURL.description
            == "the database URL must not carry a password (it would show in the process list and logs): put it in a file named by database-password-file, or in PGPASSWORD or ~/.pgpass")
    }

    @Test func somethingElseThanAPostgresURLIsRefused() {
        #expect(throws: PostgresConfigurationError.notAPostgresURL("/var/lib/tsprovider/store.sqlite")) {
            try PostgresConfiguration(url: "/var/lib/tsprovider/store.sqlite")
        }
        #expect(throws: PostgresConfigurationError.invalidURL(url: "postgresql://host/db?nosuchoption=1", reason: "invalid URI query parameter: \"nosuchoption\"")) {
            try PostgresConfiguration(url: "postgresql://host/db?nosuchoption=1")
        }
    }

    @Test func aPasswordFileOthersCanReadIsRefused() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/password"
        try Data("secret\n".utf8).write(to: URL(fileURLWithPath: path))
        chmod(path, 0o644)
        #expect(throws: PostgresConfigurationError.passwordFileTooOpen(path: path, mode: 0o644)) {
            try PostgresConfiguration(url: "postgresql://provider@db.example.com/tsprovider", passwordFile: path)
        }
        #expect(PostgresConfigurationError.passwordFileTooOpen(path: path, mode: 0o644).description
            == "the database password file \(path) is readable by others (mode 0644): make it 0600 (chmod 600 \(path))")
    }

    @Test func aPrivatePasswordFileIsPassedAsTheLastConnectionParameter() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/password"
        try Data("secret\n".utf8).write(to: URL(fileURLWithPath: path))
        chmod(path, 0o600)
        let configuration = try PostgresConfiguration(url: "postgresql://provider@db.example.com:6432/tsprovider?sslmode=verify-full", passwordFile: path)
        #expect(configuration.connectionParameters.last?.0 == "password")
        #expect(configuration.connectionParameters.last?.1 == "secret")
        #expect(configuration.target == "db.example.com:6432/tsprovider")
        #expect(!configuration.description.contains("secret"))
    }

    @Test func aMissingPasswordFileIsNamed() {
        #expect(throws: PostgresConfigurationError.passwordFileUnreadable(path: "/nonexistent/password", reason: "No such file or directory")) {
            try PostgresConfiguration(url: "postgresql://provider@db.example.com/tsprovider", passwordFile: "/nonexistent/password")
        }
    }
}

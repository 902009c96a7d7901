import DBusKit
import Foundation
import TestSupport

/// A multi-provider site as tests build it: two `tsproviderd`, each on a private bus of its own
/// (as on two servers), both given the same `--database URL` — whatever engine the other suites
/// run on, since sharing needs PostgreSQL.
final class ProviderSite: Sendable {
    /// The database both providers keep their store in.
    let databaseURL: String
    let a: ProviderDaemon
    let b: ProviderDaemon

    /// Starts both daemons over a fresh database on `server` (the process's shared server by
    /// default).
    static func start(on server: PostgresServer? = nil) async throws -> ProviderSite {
        let databaseURL = try (server ?? PostgresServer.shared()).createDatabaseURL()
        let a = try await ProviderDaemon.start(databaseURL: databaseURL)
        do {
            let b = try await ProviderDaemon.start(databaseURL: databaseURL)
            return ProviderSite(databaseURL: databaseURL, a: a, b: b)
        } catch {
            a.shutdown()
            throw error
        }
    }

    private init(databaseURL: String, a: ProviderDaemon, b: ProviderDaemon) {
        self.databaseURL = databaseURL
        self.a = a
        self.b = b
    }

    func shutdown() {
        a.shutdown()
        b.shutdown()
    }

    /// Both daemons' logs, for failure messages.
    var logs: String { "A:\n\(a.log)\nB:\n\(b.log)" }
}

extension ProviderClient {
    /// `SetProperties` on a package with `ExpectedSourceVersion` when given: the new SourceVersion.
    func setPackageProperties(_ package: ObjectPath, _ values: [String: DBusValue], expecting expected: UInt32? = nil) async throws -> UInt32 {
        let options: [String: DBusValue] = expected.map { ["ExpectedSourceVersion": .uint32($0)] } ?? [:]
        return try await proxy(package)
            .call(Provider.packageInterface, "SetProperties", [.stringVariantDictionary(values), .stringVariantDictionary(options)])
            .decode(UInt32.self)
    }

    /// `SetSequence(xml, expected)`: the new SourceVersion.
    func setSequence(_ package: ObjectPath, _ xml: String, expecting expected: UInt32) async throws -> UInt32 {
        try await proxy(package).call(Provider.packageInterface, "SetSequence", [.string(xml), .uint32(expected)]).decode(UInt32.self)
    }

    /// The D-Bus error name a call failed with, or nil when it succeeded.
    static func errorName(of call: () async throws -> Void) async -> String? {
        do {
            try await call()
            return nil
        } catch let error as DBusError {
            return error.name
        } catch {
            return "not a D-Bus error: \(error)"
        }
    }
}

import Foundation
import TaskSequenceSDK
import TaskSequenceXML
import Testing
import TestSupport

/// A running daemon on a private bus and a client connected to it.
struct ProviderFixture: Sendable {
    let daemon: DaemonHarness
    let client: ProviderClient

    /// Starts a daemon; the client waits at most `grace` for a restarting daemon.
    static func start(grace: Duration = .seconds(10)) throws -> ProviderFixture {
        let daemon = try DaemonHarness.start()
        let client = try ProviderClient(bus: .address(daemon.address), options: ProviderClient.Options(restartGracePeriod: grace))
        return ProviderFixture(daemon: daemon, client: client)
    }

    func stop() {
        daemon.stop()
    }
}

/// Runs `body` against a fresh daemon, stopping it afterwards.
func withProvider<T>(grace: Duration = .seconds(10), _ body: (ProviderClient, DaemonHarness) throws -> T) throws -> T {
    let fixture = try ProviderFixture.start(grace: grace)
    defer { fixture.stop() }
    return try body(fixture.client, fixture.daemon)
}

/// Async flavour of ``withProvider(grace:_:)``.
func withProvider<T>(grace: Duration = .seconds(10), _ body: (ProviderClient, DaemonHarness) async throws -> T) async throws -> T {
    let fixture = try ProviderFixture.start(grace: grace)
    defer { fixture.stop() }
    return try await body(fixture.client, fixture.daemon)
}

/// Real task sequences the tests import.
enum SDKFixtures {
    /// An MDT ts.xml with groups, conditions and a Format and Partition Disk step.
    static let mdtName = "DeploymentBunny__MVPDays__DeploymentShare__Control__WS2019-002__ts.xml"
    /// A small ConfigMgr sequence: three groups, each with a WMI condition.
    static let chassisName = "microsoft__configmgr-hub-firstparty__How_to_use_Chassis_Type_Queries.xml"

    static func url(_ name: String) -> URL { Fixtures.realWorld.appendingPathComponent(name) }
    static func text(_ name: String) throws -> String { String(decoding: try Fixtures.data(name), as: UTF8.self) }
    static var singleZip: URL { Fixtures.containers.appendingPathComponent("export-single.zip") }
    static var severalZip: URL { Fixtures.containers.appendingPathComponent("export-several.zip") }

    /// What the local codec reads from a file: for comparing with what the daemon serves.
    static func counts(_ name: String) throws -> (steps: Int, groups: Int, conditions: Int, depth: Int) {
        let document = try #require(try TaskSequenceReader().documents(from: Fixtures.data(name)).first)
        let counts = document.sequence.counts
        return (counts.steps, counts.groups, counts.conditions, counts.maximumDepth)
    }
}

/// The error `body` throws, as a ``ProviderError``; records an issue when it throws none or
/// another type.
func providerError(_ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) -> ProviderError? {
    do {
        try body()
        let detail = comment.map { ": \($0)" } ?? ""
        Issue.record("expected a ProviderError, nothing was thrown\(detail)", sourceLocation: sourceLocation)
    } catch let error as ProviderError {
        return error
    } catch {
        Issue.record("expected a ProviderError, got \(type(of: error)): \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

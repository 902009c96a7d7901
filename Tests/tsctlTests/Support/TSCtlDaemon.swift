import DBusKit
import Foundation
import Testing
import TestSupport

/// A daemon on a private bus, and the built `tsctl` pointed at it with `--address` — run as
/// root (the tests' own user) or, with `asUser:`, as another Unix user through `setpriv`.
struct TSCtlDaemon: Sendable {
    let daemon: DaemonHarness

    /// Runs `tsctl` with `arguments` plus `--address` for this daemon.
    func tsctl(_ arguments: String..., standardInput: Data? = nil) throws -> CommandResult {
        try tsctl(arguments, standardInput: standardInput)
    }

    func tsctl(_ arguments: [String], standardInput: Data? = nil) throws -> CommandResult {
        try TSCtlFixtures.tsctl(arguments + ["--address", daemon.address], standardInput: standardInput)
    }

    /// Runs `tsctl --address ADDR ARGUMENTS` as the Unix user `user` (created when missing).
    func tsctl(asUser user: String, _ arguments: [String]) throws -> CommandResult {
        try CommandRunner.run(CommandRunner.builtProduct(named: "tsctl"), ["--address", daemon.address] + arguments, asUser: user)
    }

    /// Runs `tsctl` expecting success, and returns its standard output.
    @discardableResult
    func succeed(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try succeeding(try tsctl(arguments), arguments, sourceLocation: sourceLocation)
    }

    /// Runs `tsctl` as `user` expecting success, and returns its standard output.
    @discardableResult
    func succeed(asUser user: String, _ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try succeeding(try tsctl(asUser: user, arguments), arguments, sourceLocation: sourceLocation)
    }

    /// Runs `tsctl … --json` expecting success, and decodes its output.
    func json(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> Any {
        try decoding(try tsctl(arguments + ["--json"]), arguments, sourceLocation: sourceLocation)
    }

    /// Runs `tsctl --json …` as `user` expecting success, and decodes its output.
    func json(asUser user: String, _ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> Any {
        try decoding(try tsctl(asUser: user, ["--json"] + arguments), arguments, sourceLocation: sourceLocation)
    }

    /// Runs `tsctl` expecting it to fail with `status`, with exactly one line on standard error
    /// that starts `tsctl: ` and mentions every text in `mentions`.
    @discardableResult
    func fail(_ arguments: [String], status: Int32 = 1, mentions: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        failing(try tsctl(arguments), arguments, status: status, mentions: mentions, sourceLocation: sourceLocation)
    }

    /// Runs `tsctl` as `user` expecting it to fail, as ``fail(_:status:mentions:sourceLocation:)``.
    @discardableResult
    func fail(asUser user: String, _ arguments: [String], status: Int32 = 1, mentions: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        failing(try tsctl(asUser: user, arguments), arguments, status: status, mentions: mentions, sourceLocation: sourceLocation)
    }

    private func succeeding(_ result: CommandResult, _ arguments: [String], sourceLocation: SourceLocation) throws -> String {
        #expect(result.status == 0, "tsctl \(arguments.joined(separator: " ")) → \(result.status): \(result.errorOutput)", sourceLocation: sourceLocation)
        #expect(result.errorOutput.isEmpty, "unexpected stderr: \(result.errorOutput)", sourceLocation: sourceLocation)
        return result.output.trimmingTrailingNewlines
    }

    private func decoding(_ result: CommandResult, _ arguments: [String], sourceLocation: SourceLocation) throws -> Any {
        #expect(result.status == 0, "tsctl \(arguments.joined(separator: " ")) --json → \(result.status): \(result.errorOutput)", sourceLocation: sourceLocation)
        return try JSONSerialization.jsonObject(with: result.standardOutput, options: [.fragmentsAllowed])
    }

    private func failing(_ result: CommandResult, _ arguments: [String], status: Int32, mentions: [String], sourceLocation: SourceLocation) -> String {
        #expect(result.status == status, "tsctl \(arguments.joined(separator: " ")) → \(result.status), expected \(status): \(result.errorOutput)", sourceLocation: sourceLocation)
        #expect(result.errorLines.count == 1, "expected one error line, got: \(result.errorOutput)", sourceLocation: sourceLocation)
        let line = result.errorLines.first ?? ""
        #expect(line.hasPrefix("tsctl: "), "\(line)", sourceLocation: sourceLocation)
        for text in mentions { #expect(line.contains(text), "'\(line)' does not mention \(text)", sourceLocation: sourceLocation) }
        return line
    }
}

/// Runs `body` with a fresh daemon, stopping it afterwards.
func withDaemon<T>(_ body: (TSCtlDaemon) throws -> T) throws -> T {
    let daemon = try DaemonHarness.start()
    defer { daemon.stop() }
    return try body(TSCtlDaemon(daemon: daemon))
}

/// Files the tests import.
enum CLIFixtures {
    static let echo = TSCtlFixtures.path("microsoft__configmgr-hub-selfhost__Communityhub__TaskSequence__Echo_IP_Addresses.xml")
    static let chassis = TSCtlFixtures.path("microsoft__configmgr-hub-firstparty__How_to_use_Chassis_Type_Queries.xml")
    static let mdt = TSCtlFixtures.path("DeploymentBunny__MVPDays__DeploymentShare__Control__WS2019-002__ts.xml")
    static let severalZip = TSCtlFixtures.path("export-several.zip", in: TSCtlFixtures.containers)
    static let singleZip = TSCtlFixtures.path("export-single.zip", in: TSCtlFixtures.containers)
}

func jsonObject(_ value: Any) throws -> [String: Any] {
    try #require(value as? [String: Any], "expected a JSON object, got \(value)")
}

func jsonArray(_ value: Any) throws -> [[String: Any]] {
    try #require(value as? [[String: Any]], "expected a JSON array of objects, got \(value)")
}

func int(_ value: Any?) -> Int64? {
    (value as? NSNumber)?.int64Value
}

import DBusKit
import Foundation
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Everything one user's client process left behind: the outcome of each call, and the raw
/// output to search for leaked IDs.
struct SessionTranscript: Sendable {
    let principal: TestPrincipal
    let outcomes: [String: CallOutcome]
    let standardOutput: String
    let standardError: String

    subscript(id: String) -> CallOutcome? { outcomes[id] }
}

/// Runs programs as a test principal: the python executor for a list of calls, and busctl or
/// gdbus for single cells.
enum ClientSession {
    /// Runs every call of `plan` in one `/usr/bin/python3` process as `principal`.
    ///
    /// - Throws: when the process fails or prints something that is not the expected JSON.
    static func run(_ plan: [PlannedCall], as principal: TestPrincipal, on daemon: ProviderDaemon) throws -> SessionTranscript {
        let input = try JSONEncoder().encode(plan)
        let arguments = try UnixAccounts.runAsArguments(principal) + [ExternalTools.python, "-c", BusClientScripts.executor, daemon.bus.address]
        let result = try CommandRunner.run(URL(fileURLWithPath: ExternalTools.setpriv), arguments, standardInput: input, timeout: .seconds(300))
        guard result.status == 0 else {
            throw DBusError.failed("the python session of \(principal) ended with \(result.status): \(result.errorOutput)")
        }
        let outcomes: [CallOutcome]
        do {
            outcomes = try JSONDecoder().decode([CallOutcome].self, from: result.standardOutput)
        } catch {
            throw DBusError.failed("the python session of \(principal) printed no outcome list (\(error)): \(result.output.prefix(2000)) \(result.errorOutput)")
        }
        return SessionTranscript(
            principal: principal, outcomes: Dictionary(outcomes.map { ($0.id, $0) }, uniquingKeysWith: { $1 }),
            standardOutput: result.output, standardError: result.errorOutput)
    }

    /// Runs `executable ARGS` as `principal` (busctl, gdbus).
    static func tool(_ executable: String, _ arguments: [String], as principal: TestPrincipal) throws -> ToolRun {
        try runTool(ExternalTools.setpriv, UnixAccounts.runAsArguments(principal) + [executable] + arguments, timeout: .seconds(120))
    }
}

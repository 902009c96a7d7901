import ArgumentParser
import TaskSequenceSDK

/// A command that talks to the provider: it gets a client for the chosen bus, and every error
/// becomes one line on standard error naming the object and the problem, with exit status 1.
protocol ServiceCommand: ParsableCommand {
    /// The bus options and `--json`.
    var global: GlobalOptions { get }
    /// What the command works on, for error lines: `package PS100004`, `step 12 of PS100004`.
    var subject: String { get }
    /// The command's work.
    func run(client: ProviderClient, output: Output) throws
}

extension ServiceCommand {
    func run() throws {
        let output = Output(json: global.json)
        do {
            try run(client: try global.client(), output: output)
        } catch let failure as CommandFailure {
            StandardError.write(Diagnostics.line(subject: failure.subject ?? subject, message: failure.message))
            throw ExitCode(ExitStatus.failure)
        } catch let error as ProviderError {
            StandardError.write(Diagnostics.line(subject: subject, error: error))
            throw ExitCode(ExitStatus.failure)
        }
    }
}

/// A problem a command found itself (bad input, nothing to do), already phrased.
struct CommandFailure: Error {
    /// What it is about, when not the command's subject.
    var subject: String?
    /// The problem.
    var message: String

    init(_ message: String, subject: String? = nil) {
        self.message = message
        self.subject = subject
    }
}

/// One-line error messages: `tsctl: SUBJECT: PROBLEM`.
enum Diagnostics {
    static func line(subject: String, message: String) -> String {
        let flat = message.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        return "tsctl: \(subject): \(flat)"
    }

    static func line(subject: String, error: ProviderError) -> String {
        line(subject: subject, message: problem(error))
    }

    /// The problem as a person reads it.
    static func problem(_ error: ProviderError) -> String {
        switch error {
        case .unknownObject:
            "not found (no such object, or you may not read it)"
        case .notFound(let message):
            // The service names the object an argument pointed at (a parent, a package).
            message.isEmpty ? "not found (no such object, or you may not read it)" : message
        case .accessDenied(let message):
            // The service's messages may say so themselves.
            message.lowercased().hasPrefix("access denied") ? message : "access denied: \(message)"
        case .invalidXML(let line, let column, let message):
            line > 0 ? "invalid XML at line \(line), column \(column): \(message)" : "invalid XML: \(message)"
        case .conflict:
            error.message
        default:
            error.message
        }
    }
}

import Foundation
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
        case .notSupported(let message):
            DBusWording.plain(notSupported: message)
        case .unknownProperty(let message):
            DBusWording.plain(unknownProperty: message)
        case .other(_, let message):
            DBusWording.stripped(message.isEmpty ? "the provider refused the call" : message)
        default:
            DBusWording.stripped(error.message)
        }
    }
}

/// Turns what the bus says into plain words: tsctl users see objects, steps and properties,
/// never interfaces, object paths or D-Bus error names.
enum DBusWording {
    /// `the object at /… has no interface org.….SMS_TaskSequence_Action` → `it is not an
    /// action (SMS_TaskSequence_Action)`; `… has no method M` → `it does not support M`.
    static func plain(notSupported message: String) -> String {
        if let range = message.range(of: "has no interface ") {
            return "it is not \(kind(of: String(message[range.upperBound...])))"
        }
        if let range = message.range(of: "has no method ") {
            return "it does not support \(message[range.upperBound...]) (is tsproviderd older than tsctl?)"
        }
        return stripped(message)
    }

    /// `interface org.….SMS_TaskSequence_Action has no property 'P'` → `no property P on
    /// SMS_TaskSequence_Action`.
    static func plain(unknownProperty message: String) -> String {
        guard let interface = message.range(of: "interface "), let has = message.range(of: " has no property ") else { return stripped(message) }
        let name = shortName(String(message[interface.upperBound..<has.lowerBound]))
        let property = message[has.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: "'"))
        return "no property \(property) on \(name)"
    }

    /// The message without D-Bus error names and with interfaces reduced to their class.
    static func stripped(_ message: String) -> String {
        message.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
            if word.hasPrefix("org.freedesktop.DBus.Error.") { return String(word.dropFirst("org.freedesktop.DBus.Error.".count)) }
            // An interface (the service's name followed by a class) reads as its class.
            if word.hasPrefix("org.tsprovider.Provider1.") { return shortName(String(word)) }
            return String(word)
        }.joined(separator: " ")
    }

    /// `org.tsprovider.Provider1.SMS_TaskSequence_Action` → `SMS_TaskSequence_Action`.
    static func shortName(_ interface: String) -> String {
        String(interface.split(separator: ".").last ?? Substring(interface))
    }

    /// What an object lacking `interface` is not, in words.
    private static func kind(of interface: String) -> String {
        let name = shortName(interface)
        switch name {
        case ClassName.action: return "an action (it is a group; groups have no settings, environment or time-out)"
        case ClassName.group: return "a group (it is an action; only groups hold steps)"
        default: return "a \(name)"
        }
    }
}

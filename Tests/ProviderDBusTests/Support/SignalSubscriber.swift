import DBusKit
import Foundation
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A signal the python subscriber received.
struct ReceivedBusSignal: Decodable, Sendable, CustomStringConvertible {
    let member: String
    let interface: String
    let path: String
    let args: [JSONValue]

    /// Every object path the signal names: its own path and any path-looking string in its
    /// arguments (InterfacesAdded's object, Instance*'s path, dictionary keys).
    var mentionedPaths: Set<String> {
        var found: Set<String> = [path]
        func walk(_ value: JSONValue) {
            switch value {
            case .string(let text) where text.hasPrefix(Provider.rootPath): found.insert(text)
            case .array(let list): list.forEach(walk)
            case .object(let members):
                for (key, inner) in members {
                    if key.hasPrefix(Provider.rootPath) { found.insert(key) }
                    walk(inner)
                }
            default: break
            }
        }
        args.forEach(walk)
        return found
    }

    /// Whether the signal names `path` or an object below it.
    func mentions(_ path: String) -> Bool {
        mentionedPaths.contains { $0 == path || $0.hasPrefix(path + "/") }
    }

    var description: String { "\(member) on \(path) \(JSONValue.array(args))" }
}

/// A python-dbus process, run as one principal, that subscribes to the provider's signals and
/// reports what it received once told to finish (see ``BusClientScripts/subscriber``).
final class SignalSubscriber: Sendable {
    let principal: TestPrincipal
    private let process: ChildProcess
    private let outputPath: String
    private let errorPath: String
    private let goPath: String

    /// Starts the subscriber; `directory` must be readable by every test user (the go file
    /// appears there). `script` is the python program (``BusClientScripts/subscriber`` or
    /// ``BusClientScripts/managerClient``), given the bus address, the go file and `extraArguments`.
    init(
        _ principal: TestPrincipal, daemon: ProviderDaemon, directory: String,
        script: String = BusClientScripts.subscriber, extraArguments: [String] = []
    ) throws {
        self.principal = principal
        outputPath = directory + "/\(principal.name).out"
        errorPath = directory + "/\(principal.name).err"
        goPath = directory + "/go"
        let arguments = try UnixAccounts.runAsArguments(principal)
            + [ExternalTools.python, "-c", script, daemon.bus.address, goPath] + extraArguments
        process = try ChildProcess.spawn(ExternalTools.setpriv, arguments: arguments, standardOutput: .file(outputPath), standardError: .file(errorPath))
    }

    deinit {
        if process.isRunning { _ = process.terminate(timeout: .seconds(2)) }
    }

    var standardOutput: String { readTextFile(outputPath) ?? "" }
    var standardError: String { readTextFile(errorPath) ?? "" }

    /// Waits (hang guard only) until the subscriber has subscribed.
    func waitUntilReady() async throws {
        let ready = await waitUntil(timeout: .seconds(60)) { standardOutput.hasPrefix("ready\n") || !process.isRunning }
        guard ready, process.isRunning else {
            throw DBusError.failed("the subscriber of \(principal) did not get ready: \(standardOutput) \(standardError)")
        }
    }

    /// Creates the go file every subscriber in `directory` waits for.
    static func releaseAll(in directory: String) throws {
        try writeTextFile(directory + "/go", "go\n")
    }

    /// Waits for the subscriber to ping the daemon and exit; returns what it received.
    func finish() async throws -> [ReceivedBusSignal] {
        _ = await waitUntil(timeout: .seconds(60)) { !process.isRunning }
        guard process.exitStatus == .exited(0) else {
            throw DBusError.failed("the subscriber of \(principal) ended with \(String(describing: process.exitStatus)): \(standardOutput) \(standardError)")
        }
        let lines = standardOutput.split(separator: "\n")
        guard let last = lines.last, lines.first == "ready" else {
            throw DBusError.failed("the subscriber of \(principal) printed \(standardOutput)")
        }
        do {
            return try JSONDecoder().decode([ReceivedBusSignal].self, from: Data(last.utf8))
        } catch {
            throw DBusError.failed("the subscriber of \(principal) printed no signal list (\(error)): \(last.prefix(2000))")
        }
    }
}

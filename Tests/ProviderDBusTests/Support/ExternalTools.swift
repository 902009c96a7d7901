import DBusKit
import Foundation
import Synchronization
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Third-party D-Bus clients, and a real unprivileged user to run them as.
enum ExternalTools {
    static let busctl = "/usr/bin/busctl"
    static let gdbus = "/usr/bin/gdbus"
    /// Debian's interpreter, which has the dbus module (the first python3 on PATH may not).
    static let python = "/usr/bin/python3"
    static let setpriv = "/usr/bin/setpriv"
    static let useradd = "/usr/sbin/useradd"

    /// `busctl --address=… ARGS`.
    static func busctl(_ daemon: ProviderDaemon, _ arguments: [String]) throws -> ToolRun {
        try runTool(busctl, ["--address=\(daemon.bus.address)"] + arguments, timeout: .seconds(60))
    }

    /// `python3 -c SCRIPT ADDRESS ARGS…`.
    static func python(_ script: String, _ daemon: ProviderDaemon, _ arguments: [String] = []) throws -> ToolRun {
        try runTool(python, ["-c", script, daemon.bus.address] + arguments, timeout: .seconds(60))
    }

    /// The unprivileged user ``runAsTestUser(_:_:)`` runs tools as.
    static let testUser = "tsp-e2e-user"

    /// Runs `executable ARGS` as the unprivileged test user (created when missing).
    static func runAsTestUser(_ executable: String, _ arguments: [String]) throws -> ToolRun {
        try runTool(setpriv, SystemPrincipals.setprivArguments(runningAs: testUser) + [executable] + arguments, timeout: .seconds(60))
    }
}

/// JSON printed by `busctl --json=short`.
enum BusctlJSON {
    /// The `data` member of a `{"type": …, "data": …}` object, and its `type`.
    static func parse(_ text: String) throws -> (type: String, data: Any) {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        guard let dictionary = object as? [String: Any], let type = dictionary["type"] as? String, let data = dictionary["data"] else {
            throw DBusError.failed("busctl printed JSON without type and data: \(text)")
        }
        return (type, data)
    }
}

extension ToolRun {
    /// Standard output split into lines, without the empty last one.
    var outputLines: [String] { standardOutput.split(separator: "\n").map(String.init) }
}

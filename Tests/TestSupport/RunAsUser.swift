import Foundation

extension SystemPrincipals {
    /// Where `setpriv` is (util-linux).
    public static let setpriv = URL(fileURLWithPath: "/usr/bin/setpriv")

    /// The `setpriv` arguments that run the executable after them as the user `name` — its uid,
    /// its primary group and all its groups — creating the user first when it is missing.
    /// Running as another user needs root, as creating users does.
    public static func setprivArguments(runningAs name: String) throws -> [String] {
        let ids = try user(name)
        return ["--reuid=\(ids.uid)", "--regid=\(ids.gid)", "--init-groups"]
    }
}

extension CommandRunner {
    /// Runs `executable` with `arguments` as the Unix user `user`, with that user's groups
    /// (`setpriv --reuid --regid --init-groups`), as ``run(_:_:standardInput:timeout:)`` does
    /// otherwise: what the program sees, and what the bus tells a service about its caller, is
    /// that user. The user is created when missing (``SystemPrincipals/user(_:groups:)``).
    public static func run(
        _ executable: URL, _ arguments: [String], asUser user: String, standardInput: Data? = nil, timeout: Duration = .seconds(120)
    ) throws -> CommandResult {
        let setpriv = try SystemPrincipals.setprivArguments(runningAs: user)
        return try run(SystemPrincipals.setpriv, setpriv + [executable.path] + arguments, standardInput: standardInput, timeout: timeout)
    }
}

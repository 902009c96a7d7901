import ArgumentParser
import TaskSequenceSDK

/// The options every command that talks to the provider takes: which bus, and `--json`.
struct GlobalOptions: ParsableArguments {
    @Flag(name: .customLong("system"), help: "Talk to the provider on the system bus (the default).")
    var system = false

    @Flag(name: .customLong("session"), help: "Talk to the provider on the session bus.")
    var session = false

    @Option(
        name: .customLong("address"),
        help: ArgumentHelp("Talk to the provider on the bus at this D-Bus address (default: $TSPROVIDER_BUS_ADDRESS, else the system bus).", valueName: "address"))
    var address: String?

    @Flag(name: .customLong("json"), help: "Print JSON with stable field names instead of text (see the command's help).")
    var json = false

    func validate() throws {
        guard [system, session, address != nil].filter({ $0 }).count <= 1 else {
            throw ValidationError("Choose one of --system, --session and --address.")
        }
    }

    /// `--address`, `--session`, `--system`, else `TSPROVIDER_BUS_ADDRESS`, else the system bus.
    var bus: ProviderClient.Bus {
        if let address { return .address(address) }
        if session { return .session }
        if system { return .system }
        return .fromEnvironment()
    }

    /// A client on the chosen bus. A one-shot command waits only briefly for a daemon that is
    /// not running.
    func client() throws -> ProviderClient {
        try ProviderClient(bus: bus, options: ProviderClient.Options(restartGracePeriod: .seconds(2)))
    }
}

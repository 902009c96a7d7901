import DBusKit
import Dispatch
import Foundation
import Glibc
import Logging
import ProviderCore
import ProviderDBus
import ProviderStore

/// The running daemon: store, service, bus connection, and the wait for SIGTERM/SIGINT.
struct Daemon {
    let options: DaemonOptions
    let logger: Logger

    func run() throws {
        try FileManager.default.createDirectory(atPath: options.dataDirectory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let storePath = options.dataDirectory + "/store.sqlite"
        let store = try ProviderStore(path: storePath)
        let service = ProviderService(
            store: store,
            configuration: ProviderConfiguration(siteCode: options.siteCode, maxXMLBytes: options.maxXMLBytes),
            policy: PermissionPolicy(superusers: superusers())
        )

        var privateBus: PrivateBus?
        let connection: DBusConnection
        switch options.bus {
        case .system: connection = try DBusConnection(bus: .system)
        case .session: connection = try DBusConnection(bus: .session)
        case .address(let address): connection = try DBusConnection(address: address)
        case .privateBus:
            let owner = getuid() == 0 ? nil : UserDatabase.userName(getuid())
            var configuration = PrivateBus.Configuration()
            configuration.allowEveryone = false
            configuration.busType = "system"
            configuration.extraConfiguration = BusPolicy.privateBusConfiguration(owner: owner)
            let bus = try PrivateBus.start(configuration)
            privateBus = bus
            try (bus.address + "\n").write(toFile: options.dataDirectory + "/bus.address", atomically: true, encoding: .utf8)
            print("export TSPROVIDER_BUS_ADDRESS=\(Self.shellQuoted(bus.address))")
            fflush(nil)
            connection = try DBusConnection(address: bus.address)
        }
        defer { privateBus?.stop() }

        let provider = try ProviderBus(service: service, connection: connection, logger: logger)
        try provider.start()
        _ = try connection.requestName(ProviderBus.busName)
        logger.info("serving \(ProviderBus.busName) with store \(storePath), site \(options.siteCode)")

        TerminationSignals.wait()
        logger.info("stopping")
        connection.close()
    }

    /// uid 0, the daemon's own uid, and the `admins` users and @groups of the config.
    private func superusers() -> Superusers {
        for admin in options.admins where !UserDatabase.knows(principal: admin) {
            logger.warning("admin '\(admin)' is not a \(admin.hasPrefix("@") ? "group" : "user") on this system")
        }
        return Superusers(admins: options.admins, uids: [0, getuid()])
    }

    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

import DBusKit
import Dispatch
import Foundation
import Glibc
import Logging
import ProviderCore
import ProviderDBus
import ProviderStore

/// The running daemon: data directory, store, service, bus connection, and the wait for
/// SIGTERM/SIGINT or the loss of the bus.
struct Daemon {
    let options: DaemonOptions
    let logger: Logger

    /// Serves until SIGTERM/SIGINT (returns) or until the bus connection is lost (throws
    /// ``DaemonFailure/busLost(_:)``).
    func run() throws {
        let directory = DataDirectory(path: options.dataDirectory)
        try directory.prepare(logger: logger)
        // Held until the process ends; taken before the store or bus.address is touched.
        _ = try directory.lock()
        try directory.tightenFiles(logger: logger)
        let store: ProviderStore
        let storeDescription: String
        if let database = options.database {
            store = try ProviderStore(location: .postgresql(database))
            storeDescription = "PostgreSQL \(database.target)"
        } else {
            try directory.createStoreFile()
            store = try ProviderStore(path: directory.storePath)
            // SQLite has created -wal and -shm by now, with the store's mode; make sure of it.
            try directory.tightenFiles(logger: logger)
            storeDescription = directory.storePath
        }
        // Large imports' freed buffers go back to the system instead of staying resident.
        FreedMemory.keepLargeBlocksSeparate()
        let service = ProviderService(
            store: store,
            configuration: ProviderConfiguration(siteCode: options.siteCode, maxXMLBytes: options.maxXMLBytes, historyRetention: options.historyRetention),
            policy: PermissionPolicy(superusers: superusers())
        )

        var privateBus: PrivateBus?
        let connection: DBusConnection
        let busDescription: String
        switch options.bus {
        case .system:
            connection = try DBusConnection(bus: .system)
            busDescription = "the system bus"
        case .session:
            connection = try DBusConnection(bus: .session)
            busDescription = "the session bus"
        case .address(let address):
            connection = try DBusConnection(address: address)
            busDescription = "the bus at \(address)"
        case .privateBus:
            let owner = getuid() == 0 ? nil : UserDatabase.userName(getuid())
            let bus = try PrivateBus.start(BusPolicy.privateBus(owner: owner))
            privateBus = bus
            try directory.writeBusAddress(bus.address + "\n")
            print("export TSPROVIDER_BUS_ADDRESS=\(Self.shellQuoted(bus.address))")
            fflush(nil)
            connection = try DBusConnection(address: bus.address)
            busDescription = "the private bus at \(bus.address)"
        }
        defer { privateBus?.stop() }

        let provider = try ProviderBus(service: service, connection: connection, logger: logger)
        try provider.start()
        // Other providers of a shared database: their changes empty our caches and reach our subscribers.
        try service.hearOtherProviders()
        if options.database != nil { logger.info("listening for the changes other providers of the database make") }
        _ = try connection.requestName(ProviderBus.busName)
        logger.info("serving \(ProviderBus.busName) on \(busDescription) with store \(storeDescription), site \(options.siteCode)")

        switch StopReason.wait(for: connection) {
        case .signal(let number):
            logger.info("stopping (signal \(number))")
            connection.close()
        case .busLost:
            let why: String
            if let privateBus, !privateBus.process.isRunning {
                why = "the private bus (process \(privateBus.process.pid)) has ended"
            } else {
                why = "the bus daemon exited or closed this connection (for example after a message over its limits)"
            }
            throw DaemonFailure.busLost("lost the connection to \(busDescription): \(why); stopping so that a supervisor can start the daemon again")
        }
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

/// Why the daemon ended other than by a signal; each has its own exit status.
enum DaemonFailure: Error, CustomStringConvertible {
    /// The bus connection was lost.
    case busLost(String)

    var description: String {
        switch self {
        case .busLost(let message): message
        }
    }
}

import ArgumentParser
import DBusKit
import Dispatch
import Foundation
import Logging
import ProviderCore
import ProviderDBus
import ProviderStore
import TaskSequenceModel

/// `tsproviderd`: serves the task sequence object model on D-Bus, kept in SQLite (or PostgreSQL).
@main
struct TSProviderD: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tsproviderd",
        abstract: "Serve task sequence packages, sequences, steps and conditions on D-Bus as org.tsprovider.Provider1.",
        discussion: """
            Without a bus option the daemon joins the system bus. --private-bus starts a dbus-daemon \
            of its own with the project's policy, writes its address to DATA_DIR/bus.address and \
            prints the line to export for tsctl.

            The data directory is created 0700 and every file in it 0600 whatever the umask \
            (the daemon runs with umask 0077); looser modes found at start are tightened, \
            each with a log line. DATA_DIR/tsproviderd.pid is locked while the daemon runs: a \
            second daemon on the same directory stops at once.

            Exit status: 0 after SIGTERM or SIGINT; 1 when the daemon cannot start (bad \
            configuration, no bus, an unusable data directory); 2 for a usage error; \
            \(ExitStatus.busLost) when the bus connection is lost (the bus daemon exited or \
            dropped the daemon); \(ExitStatus.dataDirectoryInUse) when another tsproviderd \
            holds the data directory.

            With --database the store is a PostgreSQL database that several daemons may share; \
            the data directory still holds the pid lock and bus.address. The database must be \
            reachable at start; later outages fail calls until it is back, then the daemon \
            reconnects by itself.
            """,
        version: ProjectVersion.current
    )

    @Flag(name: .customLong("system"), help: "Join the system bus (the default).") var system = false
    @Flag(name: .customLong("session"), help: "Join the session bus.") var session = false
    @Option(name: .customLong("address"), help: "Join the bus at this address.") var address: String?
    @Flag(name: .customLong("private-bus"), help: "Start a private bus with the project's policy and serve on it.") var privateBus = false
    @Option(name: .customLong("data-dir"), help: "Where the store lives (default /var/lib/tsprovider with --system, ./.tsprovider otherwise).")
    var dataDirectory: String?
    @Option(
        name: .customLong("database"),
        help: "Keep the store in this PostgreSQL database (postgresql://user@host:port/dbname?sslmode=verify-full) instead of SQLite in the data directory; never with a password in it."
    )
    var database: String?
    @Option(name: .customLong("database-password-file"), help: "The PostgreSQL password, in a file only its owner can read (mode 0600).")
    var databasePasswordFile: String?
    @Option(name: .customLong("site-code"), help: "Three characters; PackageIDs are the site code plus five hex digits (default PS1).")
    var siteCode: String?
    @Option(name: .customLong("config"), help: "A configuration file (key = value lines).") var configPath: String?
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical (default info).")
    var logLevel: String = "info"

    func validate() throws {
        let choices = [system, session, address != nil, privateBus].filter { $0 }.count
        guard choices <= 1 else { throw ValidationError("choose one of --system, --session, --address and --private-bus") }
        if let siteCode, !ProviderConfiguration.isValidSiteCode(siteCode) {
            throw ValidationError("--site-code must be three letters or digits, got '\(siteCode)'")
        }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level '\(logLevel)' is not a level") }
    }

    func run() throws {
        // Before anything starts a thread, so that every thread inherits the mask.
        TerminationSignals.block()
        // The store holds secrets: nothing the daemon creates is for other users.
        umask(0o077)
        // The log's timestamps come from localtime(), which with TZ unset reads /etc/localtime's
        // status again at every line (two an import, for the audit); named once, it is read once.
        // A TZ the caller set is kept (no overwrite).
        setenv("TZ", ":/etc/localtime", 0)
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "tsproviderd")
        do {
            try Daemon(options: try resolvedOptions(), logger: logger).run()
        } catch DaemonFailure.busLost(let message) {
            logger.critical("\(message)")
            throw ExitCode(ExitStatus.busLost)
        } catch let error as DataDirectoryError {
            logger.critical("\(error)")
            if case .inUse = error { throw ExitCode(ExitStatus.dataDirectoryInUse) }
            throw ExitCode.failure
        } catch {
            logger.critical("\(error)")
            throw ExitCode.failure
        }
    }

    /// Command-line options over the config file over the defaults.
    private func resolvedOptions() throws -> DaemonOptions {
        let file = try configPath.map { try ConfigFile(contentsOf: $0) } ?? ConfigFile()
        let site = siteCode ?? file.siteCode ?? "PS1"
        guard ProviderConfiguration.isValidSiteCode(site) else {
            throw ValidationError("site-code must be three letters or digits, got '\(site)'")
        }
        let bus: DaemonOptions.BusChoice =
            privateBus ? .privateBus : session ? .session : address.map { .address($0) } ?? .system
        let defaultDirectory = (bus == .system) ? "/var/lib/tsprovider" : FileManager.default.currentDirectoryPath + "/.tsprovider"
        return DaemonOptions(
            bus: bus, dataDirectory: dataDirectory ?? file.dataDirectory ?? defaultDirectory, siteCode: site,
            admins: file.admins, maxXMLBytes: file.maxXMLBytes ?? ProviderConfiguration().maxXMLBytes,
            historyRetention: file.historyRetention,
            database: try postgresConfiguration(file: file)
        )
    }

    /// The PostgreSQL store the options or the file name, if any; refused (with the reason) when
    /// the URL carries a password or the password file is open to others.
    private func postgresConfiguration(file: ConfigFile) throws -> PostgresConfiguration? {
        guard let url = database ?? file.database else { return nil }
        do {
            return try PostgresConfiguration(url: url, passwordFile: databasePasswordFile ?? file.databasePasswordFile)
        } catch {
            throw ValidationError("database: \(error)")
        }
    }
}

/// What the daemon was asked to do, after options and the config file are merged.
struct DaemonOptions {
    enum BusChoice: Equatable {
        case system, session, privateBus
        case address(String)
    }

    var bus: BusChoice
    var dataDirectory: String
    var siteCode: String
    var admins: [String]
    var maxXMLBytes: Int
    /// `nil`: every revision is kept.
    var historyRetention: HistoryRetention? = nil
    /// `nil`: the store is SQLite in the data directory.
    var database: PostgresConfiguration? = nil
}

/// The daemon's exit statuses besides 0 (stopped by a signal), 1 (cannot start) and 2 (usage).
enum ExitStatus {
    /// The bus connection was lost (sysexits' EX_UNAVAILABLE); `Restart=on-failure` starts it again.
    static let busLost: Int32 = 69
    /// Another tsproviderd holds the data directory (sysexits' EX_TEMPFAIL).
    static let dataDirectoryInUse: Int32 = 75
}

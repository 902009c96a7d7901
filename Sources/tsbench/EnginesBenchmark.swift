// `tsbench engines`: the calls clients make most, on SQLite and on PostgreSQL side by side
// (docs/performance.md, "SQLite and PostgreSQL"). The same release tsproviderd runs on a private
// bus once over a SQLite file and once over a throwaway PostgreSQL cluster this run starts and
// stops; each figure is a ratio against a floor measured in the same run, on the same engine.
import DBusKit
import Foundation
import ProviderStore
import TaskSequenceModel
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

func runEnginesBenchmark() throws {
    let (cpu, alreadyRan) = try runPinnedOrReturnCPU(area: "engines")
    if alreadyRan { return }
    let rig = try ProviderBenchRig()
    defer { rig.close() }
    print("engines: tsproviderd \(rig.executable); \(cpu.map { "pinned to CPU \($0) with the bus daemon, the client and PostgreSQL" } ?? "not pinned")")

    var columns: [EngineColumn] = []
    columns.append(try EngineBench(rig: rig, engine: .sqlite).run())
    // The cluster is initdb'd and started as `postgres` through setpriv, which only root can do.
    if getuid() == 0 {
        let server = try PostgresServer.start()
        defer { server.stop() }
        columns.append(try EngineBench(rig: rig, engine: .postgresql(url: server.createDatabaseURL()),
                                       serverLog: server.directory + "/server.log").run())
    } else {
        print("engines: PostgreSQL left out: starting a throwaway cluster as the postgres user needs root")
    }
    EngineTable.print(columns)
}

/// The store a run of the daemon uses.
enum BenchEngine {
    case sqlite
    case postgresql(url: String)

    var name: String {
        switch self {
        case .sqlite: "SQLite"
        case .postgresql: "PostgreSQL"
        }
    }
}

/// One measure's figure and the floor it is divided by.
struct EngineFigure {
    /// The measured figure (in the measure's unit).
    var value: Double
    /// The same run's floor, in the same unit.
    var floor: Double
    /// The median of each round's value over that round's floor.
    var ratio: Double
}

/// What one engine measured; a measure that failed has no figure.
struct EngineColumn {
    var engine: String
    var figures: [EngineMeasure: EngineFigure]
}

/// The rows of the table: what is measured, against which floor, with which goal.
enum EngineMeasure: CaseIterable {
    case get, getSequence, corpusImport, execQuery, stepEdit

    var title: String {
        switch self {
        case .get: "Get(Name) of a package"
        case .getSequence: "GetSequence, 100 steps"
        case .corpusImport: "Import the corpus, 1 call/file"
        case .execQuery: "ExecQuery LIKE, 10,000 pkgs"
        case .stepEdit: "Set a step's Name, 2,000 steps"
        }
    }

    var floor: String {
        switch self {
        case .get: "DBusKit echo call on the same bus"
        case .getSequence: "echo service returning as many bytes"
        case .corpusImport: "xmllint --noout on the same files"
        case .execQuery: "same SQL in-process, same engine"
        case .stepEdit: "same rename in a 20-step sequence"
        }
    }

    /// The unit figures (kept in microseconds) are printed in, and how many microseconds make one.
    var unit: (name: String, perMicrosecond: Double) {
        switch self {
        case .get: ("µs", 1)
        case .getSequence, .corpusImport, .execQuery, .stepEdit: ("ms", 1_000)
        }
    }

    var goal: Double {
        switch self {
        case .get: 1.3
        case .getSequence, .execQuery: 3
        case .corpusImport: 6
        case .stepEdit: 1.5
        }
    }
}

/// The measures on one engine: a fresh store with 10,000 packages, the daemon over it.
private struct EngineBench {
    let rig: ProviderBenchRig
    let engine: BenchEngine
    /// The PostgreSQL server's log, whose errors name the statement that failed.
    var serverLog: String? = nil

    static let rootPath = "/org/tsprovider/Provider1"
    static let rootInterface = "org.tsprovider.Provider1"
    static let packageInterface = "org.tsprovider.Provider1.SMS_TaskSequencePackage"
    static let packageClassInterface = "org.tsprovider.Provider1.TaskSequencePackageClass"
    static let stepInterface = "org.tsprovider.Provider1.SMS_TaskSequence_Step"
    static let sequenceInterface = "org.tsprovider.Provider1.SMS_TaskSequence"
    static let packageClass = "/org/tsprovider/Provider1/SMS_TaskSequencePackage"

    func run() throws -> EngineColumn {
        let dataDirectory = rig.directory + "/" + engine.name.lowercased()
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let location: StoreLocation
        let daemonArguments: [String]
        switch engine {
        case .sqlite:
            location = .sqlite(path: dataDirectory + "/store.sqlite")
            daemonArguments = []
        case .postgresql(let url):
            location = .postgresql(try PostgresConfiguration(url: url))
            daemonArguments = ["--database", url]
        }
        // Also the floor's own connection for ExecQuery (GRDB on SQLite, libpq on PostgreSQL).
        let store = try ProviderStore(location: location)
        try GeneratedStore.writeNamedPackages(1...10_000, to: store)
        try rig.startDaemon(dataDirectory: dataDirectory, extraArguments: daemonArguments)
        defer { try? rig.stopDaemon() }

        var figures: [EngineMeasure: EngineFigure] = [:]
        // A measure that fails is reported and left out of the table; the others still run.
        func measure(_ which: EngineMeasure, _ body: () throws -> EngineFigure) {
            do {
                figures[which] = try body()
            } catch {
                print("engines: \(engine.name) \(which.title) failed: \(error)")
                for line in serverErrors() { print("engines:   server log: \(line)") }
            }
        }
        measure(.execQuery) { try execQuery(floorStore: store) }
        measure(.get) { try propertyGet() }
        measure(.getSequence) { try getSequence() }
        measure(.stepEdit) { try stepEdit() }
        measure(.corpusImport) { try corpusImport() }
        try rig.stopDaemon()
        for measure in EngineMeasure.allCases {
            guard let figure = figures[measure] else { continue }
            let unit = measure.unit
            print(String(format: "engines: %@ %@ %.2f %@, floor (%@) %.2f %@, ratio %.2fx", engine.name, measure.title,
                         figure.value / unit.perMicrosecond, unit.name, measure.floor, figure.floor / unit.perMicrosecond, unit.name, figure.ratio))
        }
        return EngineColumn(engine: engine.name, figures: figures)
    }

    /// The ERROR and STATEMENT lines of the server's log (the last ten).
    private func serverErrors() -> [String] {
        guard let serverLog, let text = try? String(contentsOfFile: serverLog, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").filter { $0.contains("ERROR:") || $0.contains("STATEMENT:") }.suffix(10).map(String.init)
    }

    private func importPackage(_ text: String) throws -> ObjectPath {
        try rig.call(ObjectPath(Self.packageClass), Self.packageClassInterface, "Import", [.string(text), .stringVariantDictionary([:])])
            .decode(ObjectPath.self)
    }

    private func commandLines(_ steps: Int) throws -> String {
        try TaskSequenceBenchXML.write(TaskSequence(schemaVersion: "3.10", steps: (0..<steps).map { number in
            try ActionCatalog.builtIn.makeStep(ofClass: "SMS_TaskSequence_RunCommandLineAction", name: "Step \(number)",
                                               settings: ["CommandLine": "cmd /c echo \(number)"])
        }))
    }

    /// Interleaved samples of `measured` and `floor`, `rounds` of each after `warmUp`; medians.
    private func interleaved(rounds: Int, warmUp: Int, _ measured: () throws -> Double, _ floor: () throws -> Double) throws -> EngineFigure {
        for _ in 0..<warmUp {
            _ = try measured()
            _ = try floor()
        }
        var values: [Double] = [], floors: [Double] = []
        for _ in 0..<rounds {
            values.append(try measured())
            floors.append(try floor())
        }
        return EngineFigure(value: medianOf(values), floor: medianOf(floors), ratio: medianRatio(values, to: floors))
    }

    // MARK: The measures

    /// A blocking `Get` of a package's Name, in batches of 250, against the echo service.
    private func propertyGet() throws -> EngineFigure {
        let package = try importPackage(try commandLines(10))
        let get = try rig.makeGet(package, interface: Self.packageInterface, property: "Name")
        let echo = try rig.makeEcho()
        let client = rig.client
        return try interleaved(rounds: 30, warmUp: 4,
                               { try meanMicroseconds(250) { _ = try client.call(get) } },
                               { try meanMicroseconds(250) { _ = try client.call(echo) } })
    }

    /// `GetSequence` of a 100-step package against the echo service's `Text` of as many bytes.
    private func getSequence() throws -> EngineFigure {
        let package = try importPackage(try commandLines(100))
        let getSequence = try DBusMessage.methodCall(
            destination: ProviderBenchRig.providerName, path: package, interface: Self.packageInterface, method: "GetSequence")
        let client = rig.client
        let xml = try client.call(getSequence).arguments().decode(String.self)
        let text = try rig.makeText(length: xml.utf8.count)
        return try interleaved(rounds: 30, warmUp: 3,
                               { try meanMicroseconds(20) { _ = try client.call(getSequence) } },
                               { try meanMicroseconds(20) { _ = try client.call(text) } })
    }

    /// Every corpus file through `Import`, one blocking call each, against `xmllint --noout`
    /// parsing the same files in one run.
    private func corpusImport() throws -> EngineFigure {
        let corpus = try ImportCorpus.load()
        return try interleaved(rounds: 3, warmUp: 1,
                               { try ContinuousClock().measure { for text in corpus.texts { _ = try importPackage(text) } }.seconds * 1_000_000 },
                               { try ContinuousClock().measure { try corpus.parseWithXmllint() }.seconds * 1_000_000 })
    }

    /// `ExecQuery` of a LIKE on Name over D-Bus against the SQL it stands for, run in-process
    /// through the same engine (a read transaction on the store's own connection pool).
    private func execQuery(floorStore store: ProviderStore) throws -> EngineFigure {
        let wql = "SELECT PackageID, Name FROM SMS_TaskSequencePackage WHERE Name LIKE '%42%'"
        let floorSQL = "SELECT packageID, name FROM package WHERE \(store.dialect.caselessLike("name")) ORDER BY packageID"
        func viaProvider() throws -> Int {
            try rig.call(ObjectPath(Self.rootPath), Self.rootInterface, "ExecQuery", [.string(wql)])
                .decode([[String: DBusValue]].self).count
        }
        func straight() throws -> Int {
            try store.read { db in
                var rows = 0
                try db.forEachRow(floorSQL, ["%42%"]) { row in
                    let packageID: String = try row.decode(at: 0), name: String = try row.decode(at: 1)
                    if !packageID.isEmpty || !name.isEmpty { rows += 1 }
                }
                return rows
            }
        }
        let expected = try straight(), served = try viaProvider()
        guard expected == served, expected > 0 else {
            throw ProviderBenchError("\(engine.name): ExecQuery gave \(served) rows, the same SQL \(expected)")
        }
        return try interleaved(rounds: 100, warmUp: 5,
                               { try meanMicroseconds(1) { _ = try viaProvider() } },
                               { try meanMicroseconds(1) { _ = try straight() } })
    }

    /// `Set` of a step's Name in the middle of a 2,000-step sequence against the same in a
    /// 20-step one: an edit must not cost more as the sequence grows, on either engine.
    private func stepEdit() throws -> EngineFigure {
        func middleStep(of steps: Int) throws -> ObjectPath {
            let package = try importPackage(try commandLines(steps))
            let paths = try rig.call(package.appending("Sequence"), "org.freedesktop.DBus.Properties", "Get", [
                .string(Self.sequenceInterface), .string("Steps"),
            ]).decode(DBusValue.self).unwrappingVariant.decode([ObjectPath].self)
            guard paths.count == steps else { throw ProviderBenchError("the \(steps)-step package has \(paths.count) steps") }
            return paths[steps / 2]
        }
        let small = try middleStep(of: 20), large = try middleStep(of: 2_000)
        var round = 0
        func rename(_ step: ObjectPath) throws -> Double {
            round += 1
            return try meanMicroseconds(1) {
                _ = try rig.call(step, "org.freedesktop.DBus.Properties", "Set", [
                    .string(Self.stepInterface), .string("Name"), .variant(.string("Renamed \(round)")),
                ])
            }
        }
        return try interleaved(rounds: 150, warmUp: 20, { try rename(large) }, { try rename(small) })
    }
}

/// The side-by-side table.
enum EngineTable {
    static func print(_ columns: [EngineColumn]) {
        let measureWidth = EngineMeasure.allCases.map(\.title.count).max() ?? 0
        let floorWidth = EngineMeasure.allCases.map(\.floor.count).max() ?? 0
        func padded(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
        var header = "engines: " + padded("measure", measureWidth) + " | " + padded("floor", floorWidth)
        for column in columns { header += " | " + padded("\(column.engine) figure, ratio", 26) }
        if columns.count == 2 { header += " | PG/SQLite" }
        Swift.print(header + " | goal")
        for measure in EngineMeasure.allCases {
            var line = "engines: " + padded(measure.title, measureWidth) + " | " + padded(measure.floor, floorWidth)
            for column in columns {
                guard let figure = column.figures[measure] else {
                    line += " | " + padded("failed", 26)
                    continue
                }
                let unit = measure.unit
                let verdict = figure.ratio <= measure.goal ? "" : " **"
                line += " | " + padded(String(format: "%9.2f %@  %6.2fx%@", figure.value / unit.perMicrosecond, unit.name, figure.ratio, verdict), 26)
            }
            if columns.count == 2, let sqlite = columns[0].figures[measure], let postgresql = columns[1].figures[measure] {
                line += " | " + padded(String(format: "%.2fx", postgresql.value / sqlite.value), 9)
            } else if columns.count == 2 {
                line += " | " + padded("-", 9)
            }
            Swift.print(line + String(format: " | <= %gx", measure.goal))
        }
        Swift.print("engines: ratios are figure / floor on the same engine in the same run; ** marks one over its goal; PG/SQLite compares the figures")
    }
}

// `tsbench provider`: the daemon as clients meet it, against floors measured in the same run
// (docs/performance.md). A release tsproviderd runs on a private bus configured like
// its own --private-bus; the client, the bus daemon and tsproviderd share one CPU, so ratios hold
// steady on a busy machine.
import DBusKit
import Foundation
import TaskSequenceModel
#if canImport(Glibc)
import Glibc
#endif

func runProviderBenchmark() throws {
    let (cpu, alreadyRan) = try runPinnedOrReturnCPU(area: "provider")
    if alreadyRan { return }
    let rig = try ProviderBenchRig()
    defer { rig.close() }
    print("provider: tsproviderd \(rig.executable); \(cpu.map { "pinned to CPU \($0) with the bus daemon and the client" } ?? "not pinned")")

    // TSBENCH_PROVIDER_PARTS=get,pipelined,import,edit,startup,tree runs only those parts.
    let parts = ProcessInfo.processInfo.environment["TSBENCH_PROVIDER_PARTS"].map { Set($0.split(separator: ",").map(String.init)) }
    func wanted(_ part: String) -> Bool { parts?.contains(part) ?? true }

    try rig.startDaemon(dataDirectory: rig.directory + "/main")
    let bench = ProviderBench(rig: rig)
    if wanted("get") { try bench.propertyGet() }
    if wanted("pipelined") { try bench.pipelinedGet() }
    if wanted("import") { try bench.corpusImport() }
    if wanted("edit") { try bench.stepEdit() }
    try rig.stopDaemon()
    if wanted("startup") { try bench.startup() }
    if wanted("tree") { try TreeBench(rig: rig).run() }
}

/// The measurements, each printing its lines.
private struct ProviderBench {
    let rig: ProviderBenchRig

    static let packageInterface = "org.tsprovider.Provider1.SMS_TaskSequencePackage"
    static let packageClassInterface = "org.tsprovider.Provider1.TaskSequencePackageClass"
    static let stepInterface = "org.tsprovider.Provider1.SMS_TaskSequence_Step"
    static let sequenceInterface = "org.tsprovider.Provider1.SMS_TaskSequence"
    static let packageClass = "/org/tsprovider/Provider1/SMS_TaskSequencePackage"

    func importPackage(_ text: String) throws -> ObjectPath {
        try rig.call(ObjectPath(Self.packageClass), Self.packageClassInterface, "Import", [.string(text), .stringVariantDictionary([:])])
            .decode(ObjectPath.self)
    }

    // MARK: Property Get

    /// A blocking `Get` of a package's Name against the bus daemon's `Peer.Ping` and the echo
    /// service, in interleaved batches; medians of the batch means.
    func propertyGet() throws {
        let package = try importPackage(TaskSequenceBenchXML.write(try GeneratedStore.template()))
        let get = try rig.makeGet(package, interface: Self.packageInterface, property: "Name")
        let echo = try rig.makeEcho(), ping = try rig.makePing()
        let client = rig.client
        func once(_ message: DBusMessage) throws { _ = try client.call(message) }
        for _ in 0..<2_000 {
            try once(get)
            try once(echo)
            try once(ping)
        }
        var gets: [Double] = [], echoes: [Double] = [], pings: [Double] = []
        for _ in 0..<40 {
            gets.append(try meanMicroseconds(250) { try once(get) })
            echoes.append(try meanMicroseconds(250) { try once(echo) })
            pings.append(try meanMicroseconds(250) { try once(ping) })
        }
        let getTime = medianOf(gets), echoTime = medianOf(echoes), pingTime = medianOf(pings)
        print(String(format: "provider: Get(Name) of a package %.1f µs, DBusKit echo %.1f µs, bus Peer.Ping %.1f µs (40 batches of 250, median)",
                     getTime, echoTime, pingTime))
        let overEcho = medianRatio(gets, to: echoes)
        print(String(format: "provider: Get / echo %.2fx (goal <= 1.3x)%@; Get / Peer.Ping %.2fx",
                     overEcho, verdict(overEcho <= 1.3), medianRatio(gets, to: pings)))
    }

    /// `Get` with 128 calls in flight on one connection, against the same for echo and Ping.
    func pipelinedGet() throws {
        let package = try importPackage(TaskSequenceBenchXML.write(try GeneratedStore.template()))
        let rig = self.rig
        let getCall: @Sendable () throws -> DBusMessage = { try rig.makeGet(package, interface: Self.packageInterface, property: "Name") }
        let total = 40_000, window = 128
        _ = try rig.pipelinedRate(total: 5_000, window: window, makeCall: getCall)
        var gets: [Double] = [], echoes: [Double] = [], pings: [Double] = []
        for _ in 0..<3 {
            gets.append(try rig.pipelinedRate(total: total, window: window, makeCall: getCall))
            echoes.append(try rig.pipelinedRate(total: total, window: window, makeCall: rig.makeEcho))
            pings.append(try rig.pipelinedRate(total: total, window: window, makeCall: rig.makePing))
        }
        let get = medianOf(gets), echo = medianOf(echoes), ping = medianOf(pings)
        print(String(format: "provider: pipelined Get %.0f calls/s, echo %.0f calls/s, Peer.Ping %.0f calls/s (%d in flight); time per Get / echo %.2fx",
                     get, echo, ping, window, echo / get))
    }

    // MARK: Corpus import

    /// Every corpus file through `Import`, one blocking call each, against `xmllint --noout`
    /// parsing the same files in one run.
    func corpusImport() throws {
        let corpus = try ImportCorpus.load()
        for text in corpus.texts { _ = try importPackage(text) }
        try corpus.parseWithXmllint()
        var imports: [Double] = [], floors: [Double] = []
        for _ in 0..<5 {
            imports.append(try ContinuousClock().measure { for text in corpus.texts { _ = try importPackage(text) } }.seconds)
            floors.append(try ContinuousClock().measure { try corpus.parseWithXmllint() }.seconds)
        }
        let importTime = medianOf(imports), floor = medianOf(floors), ratio = medianRatio(imports, to: floors)
        print(String(format: "provider: import the corpus over D-Bus (%d files, %d KiB) %.0f ms, xmllint --noout %.0f ms, ratio %.2fx (goal <= 6x; tsbench import has the batch and the growth)%@",
                     corpus.texts.count, corpus.bytes / 1024, importTime * 1000, floor * 1000, ratio, verdict(ratio <= 6)))
    }

    // MARK: Step edits

    /// `Set` of a step's Name in the middle of a 20-step and of a 2,000-step sequence.
    func stepEdit() throws {
        func middleStep(of steps: Int) throws -> ObjectPath {
            let sequence = TaskSequence(schemaVersion: "3.10", steps: try (0..<steps).map { number in
                try ActionCatalog.builtIn.makeStep(ofClass: "SMS_TaskSequence_RunCommandLineAction", name: "Step \(number)",
                                                   settings: ["CommandLine": "cmd /c echo \(number)"])
            })
            let package = try importPackage(TaskSequenceBenchXML.write(sequence))
            let paths = try rig.call(package.appending("Sequence"), "org.freedesktop.DBus.Properties", "Get", [
                .string(Self.sequenceInterface), .string("Steps"),
            ]).decode(DBusValue.self).unwrappingVariant.decode([ObjectPath].self)
            guard paths.count == steps else { throw ProviderBenchError("the \(steps)-step package has \(paths.count) steps") }
            return paths[steps / 2]
        }
        let small = try middleStep(of: 20), large = try middleStep(of: 2_000)
        func rename(_ step: ObjectPath, _ round: Int) throws {
            _ = try rig.call(step, "org.freedesktop.DBus.Properties", "Set", [
                .string(Self.stepInterface), .string("Name"), .variant(.string("Renamed \(round)")),
            ])
        }
        for round in 0..<50 {
            try rename(small, round)
            try rename(large, round)
        }
        var smallTimes: [Double] = [], largeTimes: [Double] = []
        for round in 0..<300 {
            smallTimes.append(try meanMicroseconds(1) { try rename(small, round) })
            largeTimes.append(try meanMicroseconds(1) { try rename(large, round) })
        }
        let smallTime = medianOf(smallTimes), largeTime = medianOf(largeTimes)
        print(String(format: "provider: Set a step's Name over D-Bus %.0f µs in 20 steps, %.0f µs in 2,000 steps, ratio %.2fx (goal ≈ 1x, <= 1.5x)%@",
                     smallTime, largeTime, largeTime / smallTime, verdict(largeTime / smallTime <= 1.5)))
    }

    // MARK: Start-up

    /// Spawn → name owned, and VmRSS then, with 10,000 generated packages; against the same with
    /// an empty store.
    func startup() throws {
        let packages = 10_000
        let template = try GeneratedStore.template()
        let generatedDirectory = rig.directory + "/large"
        try FileManager.default.createDirectory(atPath: generatedDirectory, withIntermediateDirectories: true)
        var steps = 0
        let generation = try ContinuousClock().measure {
            steps = try GeneratedStore.create(at: generatedDirectory + "/store.sqlite", packages: packages, template: template)
        }
        let emptyDirectory = rig.directory + "/empty"

        func measure(_ directory: String) throws -> (seconds: Double, kib: Int, enumerated: Int, kibAfterEnumerate: Int) {
            var times: [Double] = [], sizes: [Double] = [], laterSizes: [Double] = []
            var enumerated = 0
            for _ in 0..<5 {
                let (startup, process) = try rig.startDaemon(dataDirectory: directory)
                let kib = residentKiB(of: process.pid) ?? 0
                // The first thing a client may do: list every package (the store really is open).
                enumerated = try rig.call(ObjectPath(Self.packageClass), "org.tsprovider.Provider1.Class", "Enumerate")
                    .decode([ObjectPath].self).count
                laterSizes.append(Double(residentKiB(of: process.pid) ?? 0))
                try rig.stopDaemon()
                times.append(startup.seconds)
                sizes.append(Double(kib))
            }
            return (medianOf(times), Int(sizes.max() ?? 0), enumerated, Int(laterSizes.max() ?? 0))
        }
        _ = try measure(emptyDirectory)
        let empty = try measure(emptyDirectory)
        let large = try measure(generatedDirectory)
        print(String(format: "provider: generated %d packages with %d steps in %.1f s (one transaction)", packages, steps, generation.seconds))
        print(String(format: "provider: start-up with %d packages %.3f s to the name (goal < 0.3 s)%@; empty store %.3f s; median of 5",
                     packages, large.seconds, verdict(large.seconds < 0.3), empty.seconds))
        guard large.enumerated == packages else { throw ProviderBenchError("Enumerate listed \(large.enumerated) of \(packages) packages") }
        print(String(format: "provider: RSS after start-up with %d packages %.1f MiB (goal < 64 MiB)%@; empty store %.1f MiB; after enumerating all %d %.1f MiB; largest of 5",
                     packages, Double(large.kib) / 1024, verdict(Double(large.kib) / 1024 < 64), Double(empty.kib) / 1024,
                     packages, Double(large.kibAfterEnumerate) / 1024))
    }

    private func verdict(_ met: Bool) -> String { met ? "" : "  ** over goal **" }
}

// `tsbench import`: what importing a file costs and how that grows with the store. The corpus
// (Tests/Fixtures/realworld, or TSPROVIDER_XML_CORPUS) goes into a release tsproviderd whose
// store already holds 0, 10,000 and 100,000 generated packages (TSBENCH_IMPORT_SIZES=0,10000
// picks others), one call per file and in batches — each both ways a client can send a file: its
// text in the message (`Import`, `ImportBatch`) and the open file, which the daemon reads itself
// (`ImportFd`, `ImportBatchFd`: what the SDK's importPackage(contentsOf:) and `tsctl import` send)
// — against `xmllint --noout` parsing the same files in the same run. Goals (issue 18): ≤ 6×
// xmllint one call per file, ≤ 4× as a batch, and the time per file at each size ≤ 1.1× the
// empty store's.
//
// This machine's speed drifts by a third within minutes (other tenants), so each phase is set
// against the xmllint runs just before and just after it, and a figure is the median of those
// paired ratios over nine rounds, each on a fresh copy of its size's store. Growth compares the
// paired ratios of two sizes, not their microseconds, which were measured at different moments:
// round by round (the sizes take turns within a round), the median of each round's quotient — a
// ratio of two medians moved by ±6 % between runs with five rounds.
import DBusKit
import Foundation
import TaskSequenceModel
#if canImport(Glibc)
import Glibc
#endif

func runImportBenchmark() throws {
    let (cpu, alreadyRan) = try runPinnedOrReturnCPU(area: "import")
    if alreadyRan { return }
    let rig = try ProviderBenchRig()
    defer { rig.close() }
    let corpus = try ImportCorpus.load()
    print(String(format: "import: tsproviderd %@; %@; corpus %d files, %d KiB; median of %d rounds, each measuring every size in turn, each phase against the xmllint runs beside it",
                 rig.executable, cpu.map { "pinned to CPU \($0) with the bus daemon and the client" } ?? "not pinned",
                 corpus.texts.count, corpus.bytes / 1024, ImportBench.rounds))
    let sizes = ProcessInfo.processInfo.environment["TSBENCH_IMPORT_SIZES"]
        .map { $0.split(separator: ",").compactMap { Int($0) } } ?? [0, 10_000, 100_000]
    let bench = ImportBench(rig: rig, corpus: corpus)
    let directories = try sizes.map { try bench.prepareStore(of: $0) }
    defer { directories.forEach(removeTree) }
    // Sizes take turns round by round, so a busy stretch of the shared machine falls on all of
    // them alike instead of on whichever size it happened to meet; and each round starts with
    // the next size, so none always comes first after the previous round.
    var rounds = Array(repeating: [ImportRound](), count: sizes.count)
    for round in 0..<ImportBench.rounds {
        for position in sizes.indices {
            let index = (round + position) % sizes.count
            rounds[index].append(try bench.measureRound(round, directory: directories[index]))
        }
    }
    for (index, (size, measured)) in zip(sizes, rounds).enumerated() {
        let figure = ImportFigure(medianOf: measured, files: Double(corpus.texts.count))
        // Each round's measure over the first size's in the same round, the median of those.
        func growth(_ measure: KeyPath<ImportRound, Double>) -> Double {
            medianOf(zip(measured, rounds[0]).map { $0[keyPath: measure] / $1[keyPath: measure] })
        }
        let growthText = index == 0 ? "the baseline for growth" : String(
            format: "%.2fx the first size's 1 call/file ratio, round by round (goal <= 1.1x)%@, the daemon's CPU %.2fx",
            growth(\.singleRatio), verdict(growth(\.singleRatio) <= 1.1), growth(\.singleCPU))
        print(String(format: "import: store of %7d packages: 1 call/file %.0f µs/file %.2fx xmllint (goal <= 6x)%@; batch %.0f µs/file %.2fx (goal <= 4x)%@; xmllint %.0f µs/file; %@; RSS after %.1f MiB",
                     size, figure.singlePerFile, figure.singleRatio, verdict(figure.singleRatio <= 6),
                     figure.batchPerFile, figure.batchRatio, verdict(figure.batchRatio <= 4), figure.floorPerFile,
                     growthText,
                     Double(figure.residentKiB) / 1024))
        print(String(format: "import: store of %7d packages, by descriptor (the daemon reads the file): 1 call/file %.0f µs/file %.2fx xmllint (goal <= 6x)%@; batch %.0f µs/file %.2fx (goal <= 4x)%@",
                     size, figure.descriptorSinglePerFile, figure.descriptorSingleRatio, verdict(figure.descriptorSingleRatio <= 6),
                     figure.descriptorBatchPerFile, figure.descriptorBatchRatio, verdict(figure.descriptorBatchRatio <= 4)))
        print(String(format: "import: store of %7d packages, CPU time: daemon %.0f µs/file 1 call/file (%.2fx xmllint's CPU), %.0f µs/file batched (%.2fx); by descriptor %.0f (%.2fx) and %.0f (%.2fx); xmllint %.0f µs/file",
                     size, figure.daemonCPUSinglePerFile, figure.daemonCPUSinglePerFile / figure.floorCPUPerFile,
                     figure.daemonCPUBatchPerFile, figure.daemonCPUBatchPerFile / figure.floorCPUPerFile,
                     figure.daemonCPUDescriptorSinglePerFile, figure.daemonCPUDescriptorSinglePerFile / figure.floorCPUPerFile,
                     figure.daemonCPUDescriptorBatchPerFile, figure.daemonCPUDescriptorBatchPerFile / figure.floorCPUPerFile,
                     figure.floorCPUPerFile))
    }
}

private func verdict(_ met: Bool) -> String { met ? "" : "  ** over goal **" }

/// One round at one size: seconds for the whole corpus, and each phase over the mean of the
/// xmllint runs just before and just after it.
private struct ImportRound {
    var single, batch, floor: Double
    var descriptorSingle, descriptorBatch: Double
    var singleCPU, batchCPU, floorCPU: Double
    var descriptorSingleCPU, descriptorBatchCPU: Double
    var singleRatio, batchRatio, descriptorSingleRatio, descriptorBatchRatio: Double
    var residentKiB: Int
}

/// One size's figures: microseconds per file, and ratios to xmllint (each the median over the
/// rounds of that round's paired ratio).
private struct ImportFigure {
    var singlePerFile: Double
    var batchPerFile: Double
    var floorPerFile: Double
    var residentKiB: Int
    /// The daemon's own CPU time (all its threads), which other processes on a busy CPU do not blur.
    var daemonCPUSinglePerFile: Double
    var daemonCPUBatchPerFile: Double
    var daemonCPUDescriptorSinglePerFile: Double
    var daemonCPUDescriptorBatchPerFile: Double
    var floorCPUPerFile: Double
    var descriptorSinglePerFile: Double
    var descriptorBatchPerFile: Double
    var singleRatio: Double
    var batchRatio: Double
    var descriptorSingleRatio: Double
    var descriptorBatchRatio: Double

    /// The median of each figure over `rounds`; RSS after the last.
    init(medianOf rounds: [ImportRound], files: Double) {
        func perFile(_ figure: KeyPath<ImportRound, Double>) -> Double { medianOf(rounds.map { $0[keyPath: figure] }) * 1e6 / files }
        func median(_ figure: KeyPath<ImportRound, Double>) -> Double { medianOf(rounds.map { $0[keyPath: figure] }) }
        singlePerFile = perFile(\.single)
        batchPerFile = perFile(\.batch)
        floorPerFile = perFile(\.floor)
        daemonCPUSinglePerFile = perFile(\.singleCPU)
        daemonCPUBatchPerFile = perFile(\.batchCPU)
        daemonCPUDescriptorSinglePerFile = perFile(\.descriptorSingleCPU)
        daemonCPUDescriptorBatchPerFile = perFile(\.descriptorBatchCPU)
        floorCPUPerFile = perFile(\.floorCPU)
        descriptorSinglePerFile = perFile(\.descriptorSingle)
        descriptorBatchPerFile = perFile(\.descriptorBatch)
        singleRatio = median(\.singleRatio)
        batchRatio = median(\.batchRatio)
        descriptorSingleRatio = median(\.descriptorSingleRatio)
        descriptorBatchRatio = median(\.descriptorBatchRatio)
        residentKiB = rounds.last?.residentKiB ?? 0
    }
}

private struct ImportBench {
    let rig: ProviderBenchRig
    let corpus: ImportCorpus
    static let packageClass = "/org/tsprovider/Provider1/SMS_TaskSequencePackage"
    static let packageClassInterface = "org.tsprovider.Provider1.TaskSequencePackageClass"
    /// Files per ImportBatch call (the service writes 32 per transaction).
    static let batchFiles = 32
    /// Rounds at each size; every figure is the median over them.
    static let rounds = 9

    /// A data directory whose store holds `size` generated packages (written straight through
    /// ProviderStore in one transaction); none for 0.
    func prepareStore(of size: Int) throws -> String {
        let directory = rig.directory + "/import-\(size)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if size > 0 {
            // Two steps each, so 100,000 packages are written in about a minute rather than ten.
            let template = TaskSequence(schemaVersion: "3.10", steps: Array(try GeneratedStore.group().children.compactMap {
                if case .step(let step) = $0 { step } else { nil }
            }.prefix(2)))
            var steps = 0
            let generation = try ContinuousClock().measure {
                steps = try GeneratedStore.create(at: directory + "/store.sqlite", packages: size, template: template)
            }
            print(String(format: "import: generated %d packages with %d steps in %.1f s (one transaction)", size, steps, generation.seconds))
        }
        return directory
    }

    /// A daemon on a copy of the store prepared in `directory` (so every round starts from the
    /// size it names, not from what earlier rounds imported), warmed up, then the corpus
    /// imported once one call per file and once in batches, each way a file travels, with
    /// xmllint parsing the same files before the first phase and after each one. Round `round`
    /// starts with phase `round % 4` and takes the others in turn: whatever the first phase
    /// after a warm-up meets (the checkpoint of the warm-up's log, a cold loop) falls on each
    /// phase in turn.
    func measureRound(_ round: Int, directory: String) throws -> ImportRound {
        let copy = directory + "-round"
        removeTree(copy)
        try FileManager.default.copyItem(atPath: directory, toPath: copy)
        // Written out before the round: the first checkpoint's fsync would otherwise write the
        // whole copy (330 MB at 100,000 packages) in the middle of it.
        sync()
        defer { removeTree(copy) }
        let (_, process) = try rig.startDaemon(dataDirectory: copy)
        defer { try? rig.stopDaemon() }
        let phases: [() throws -> Void] = [importEachFile, importInBatches, importEachFileByDescriptor, importInDescriptorBatches]
        // Warm up: caches, the statement cache, the page cache of the store file.
        for phase in phases { try phase() }
        try corpus.parseWithXmllint()
        var floors: [Double] = [], floorCPUs: [Double] = []
        func measureFloor() throws {
            let cpu = childrenCPUSeconds()
            floors.append(try ContinuousClock().measure { try corpus.parseWithXmllint() }.seconds)
            floorCPUs.append(childrenCPUSeconds() - cpu)
        }
        try measureFloor()
        // Per phase (in `phases`' order): seconds, the daemon's CPU seconds, and the seconds over
        // the mean of the floors measured just before and just after it.
        var seconds = [Double](repeating: 0, count: phases.count)
        var cpu = seconds, ratios = seconds
        for position in phases.indices {
            let phase = (round + position) % phases.count
            let cpuBefore = processCPUSeconds(process.pid)
            seconds[phase] = try ContinuousClock().measure { try phases[phase]() }.seconds
            cpu[phase] = processCPUSeconds(process.pid) - cpuBefore
            try measureFloor()
            ratios[phase] = seconds[phase] / ((floors[position] + floors[position + 1]) / 2)
        }
        return ImportRound(single: seconds[0], batch: seconds[1], floor: medianOf(floors),
                           descriptorSingle: seconds[2], descriptorBatch: seconds[3],
                           singleCPU: cpu[0], batchCPU: cpu[1], floorCPU: medianOf(floorCPUs),
                           descriptorSingleCPU: cpu[2], descriptorBatchCPU: cpu[3],
                           singleRatio: ratios[0], batchRatio: ratios[1],
                           descriptorSingleRatio: ratios[2], descriptorBatchRatio: ratios[3],
                           residentKiB: residentKiB(of: process.pid) ?? 0)
    }

    /// CPU time of process `pid` so far, all its threads, to the nanosecond (its CPU-time clock;
    /// `/proc/PID/stat` counts in ticks of 10 ms, a tenth of a phase).
    private func processCPUSeconds(_ pid: Int32) -> Double {
        var clock = clockid_t()
        var now = timespec()
        guard clock_getcpuclockid(pid, &clock) == 0, clock_gettime(clock, &now) == 0 else { return 0 }
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    /// User and system CPU of the children waited for so far (xmllint, once it has ended).
    private func childrenCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    private func importEachFile() throws {
        for text in corpus.texts {
            _ = try rig.call(ObjectPath(Self.packageClass), Self.packageClassInterface, "Import", [.string(text), .stringVariantDictionary([:])])
        }
    }

    /// The corpus file at `index`, opened for the daemon to read.
    private func opened(_ index: Int) throws -> UnixFileDescriptor {
        let descriptor = open(corpus.paths[index], O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ProviderBenchError("cannot open \(corpus.paths[index])") }
        return UnixFileDescriptor(takingOwnershipOf: descriptor)
    }

    private func importEachFileByDescriptor() throws {
        for index in corpus.paths.indices {
            _ = try rig.call(ObjectPath(Self.packageClass), Self.packageClassInterface, "ImportFd", [.unixFD(try opened(index)), .stringVariantDictionary([:])])
        }
    }

    /// `ImportBatchFd` calls of 16 files, the descriptors the system bus lets a message carry.
    private func importInDescriptorBatches() throws {
        let fileType = DBusType.structure([.string, .unixFD, .dictionary(key: .string, value: .variant)])
        var start = 0
        while start < corpus.paths.count {
            let end = min(start + 16, corpus.paths.count)
            let files = try (start..<end).map { DBusValue.structure([.string(corpus.paths[$0]), .unixFD(try opened($0)), .stringVariantDictionary([:])]) }
            let reply = try rig.call(ObjectPath(Self.packageClass), Self.packageClassInterface, "ImportBatchFd", [.array(fileType, files)])
            try Self.checkBatchReply(reply, files: end - start)
            start = end
        }
    }

    private static func checkBatchReply(_ reply: [DBusValue], files: Int) throws {
        guard case .array(_, let results)? = reply.first, results.count == files else {
            throw ProviderBenchError("the batch call answered \(reply) for \(files) files")
        }
        for case .structure(let fields) in results where fields.count > 3 && fields[2] != .string("") {
            throw ProviderBenchError("a batch failed a corpus file: \(fields[0]) \(fields[2]) \(fields[3])")
        }
    }

    private func importInBatches() throws {
        let fileType = DBusType.structure([.string, .string, .dictionary(key: .string, value: .variant)])
        var start = 0
        while start < corpus.texts.count {
            let end = min(start + Self.batchFiles, corpus.texts.count)
            let files = (start..<end).map { DBusValue.structure([.string(corpus.paths[$0]), .string(corpus.texts[$0]), .stringVariantDictionary([:])]) }
            let reply = try rig.call(ObjectPath(Self.packageClass), Self.packageClassInterface, "ImportBatch", [.array(fileType, files)])
            try Self.checkBatchReply(reply, files: end - start)
            start = end
        }
    }
}

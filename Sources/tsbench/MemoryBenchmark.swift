// `tsbench memory`: how much the release daemon's memory grows while it imports a sequence of
// about 30 MiB, against the payload itself. Each figure is one import into a freshly started
// daemon: its high-water mark (VmHWM) after the call minus its resident set (VmRSS) when idle
// before it. Goal: a valid import peaks at most 6x the payload above idle; an invalid one
// well below that.
import DBusKit
import Dispatch
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

func runMemoryBenchmark() throws {
    let rig = try ProviderBenchRig()
    defer { rig.close() }
    let target = Int(ProcessInfo.processInfo.environment["TSBENCH_MEMORY_MIB"] ?? "") .map { $0 << 20 } ?? 30 << 20
    let template = try LargeSequences.template()
    let (valid, steps) = try LargeSequences.valid(targetBytes: target, template: template)
    let failing = try LargeSequences.failingValidation(targetBytes: target, template: template)
    let malformed = try LargeSequences.malformed(valid)
    let (small, smallSteps) = try LargeSequences.manySmallSteps(targetBytes: target)
    let early = try LargeSequences.failingValidationEarly(targetBytes: target, template: template)
    let files = try [("valid", valid), ("validation", failing), ("malformed", malformed), ("small", small), ("early", early)].map { name, text in
        let path = rig.directory + "/\(name).xml"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
    let payload = valid.utf8.count
    let bench = MemoryBench(rig: rig, payload: payload)
    print(String(format: "memory: tsproviderd %@; payload %.1f MiB, %d steps; one import per fresh daemon, peak = VmHWM after − VmRSS idle",
                 rig.executable, Double(payload) / 1_048_576, steps))

    let validFd = try bench.measure(label: "valid", expecting: nil) { try rig.importFd(files[0]) }
    print(bench.line("valid sequence by ImportFd", validFd, goal: 6))
    let smallFd = try bench.measure(label: "small", expecting: nil) { try rig.importFd(files[3]) }
    print(MemoryBench(rig: rig, payload: small.utf8.count).line(
        String(format: "valid sequence of %d small steps (%.1f MiB) by ImportFd", smallSteps, Double(small.utf8.count) / 1_048_576), smallFd, goal: 6))
    let validationFd = try bench.measure(label: "validation", expecting: "org.tsprovider.Provider1.Error.ValidationFailed") { try rig.importFd(files[1]) }
    print(bench.line("failing validation at its last step by ImportFd", validationFd, goal: nil) + String(format: "; %.0f%% of the valid import", 100 * Double(validationFd) / Double(validFd)))
    let earlyFd = try bench.measure(label: "early", expecting: "org.tsprovider.Provider1.Error.ValidationFailed") { try rig.importFd(files[4]) }
    print(bench.line("failing validation a tenth of the way in by ImportFd", earlyFd, goal: nil) + String(format: "; %.0f%% of the valid import", 100 * Double(earlyFd) / Double(validFd)))
    let malformedFd = try bench.measure(label: "malformed", expecting: "org.tsprovider.Provider1.Error.InvalidXml") { try rig.importFd(files[2]) }
    print(bench.line("malformed near its end by ImportFd", malformedFd, goal: nil) + String(format: "; %.0f%% of the valid import", 100 * Double(malformedFd) / Double(validFd)))
    do {
        let validString = try bench.measure(label: "valid string", expecting: nil) { try rig.importString(valid) }
        print(bench.line("valid sequence by Import (string argument)", validString, goal: 6))
    } catch let error as ProviderBenchError {
        print("memory: valid sequence by Import (string argument): not measured: \(error)")
    }

    let concurrent = 3
    let together = try bench.measure(label: "concurrent", expecting: nil) {
        try rig.concurrently(concurrent) { connection in try rig.importFd(files[0], on: connection) }
    }
    print(bench.line("\(concurrent) valid imports at once by ImportFd, one connection each", together, goal: 6)
        + String(format: "; %.2fx one import", Double(together) / Double(validFd)))
}

private struct MemoryBench {
    let rig: ProviderBenchRig
    let payload: Int

    /// Peak growth in bytes of a fresh daemon over `body`, which must fail with `errorName`
    /// (or succeed when `nil`).
    func measure(label: String, expecting errorName: String?, _ body: () throws -> Void) throws -> Int {
        let directory = rig.directory + "/\(label.replacingOccurrences(of: " ", with: "-"))"
        defer { removeTree(directory) }
        let (_, process) = try rig.startDaemon(dataDirectory: directory)
        defer { try? rig.stopDaemon() }
        usleep(200_000)
        guard let idle = residentKiB(of: process.pid) else { throw ProviderBenchError("cannot read VmRSS of \(process.pid)") }
        do {
            try body()
            if let errorName { throw ProviderBenchError("\(label): the import succeeded; expected \(errorName)") }
        } catch let error as DBusError where errorName != nil {
            guard error.name == errorName else { throw ProviderBenchError("\(label): expected \(errorName ?? ""), got \(error)") }
        }
        guard let peak = peakResidentKiB(of: process.pid) else { throw ProviderBenchError("cannot read VmHWM of \(process.pid)") }
        return (peak - idle) * 1024
    }

    func line(_ what: String, _ growth: Int, goal: Double?) -> String {
        let ratio = Double(growth) / Double(payload)
        let verdict = goal.map { String(format: " (goal <= %.0fx)%@", $0, ratio <= $0 ? "" : "  ** over goal **") } ?? ""
        return String(format: "memory: %@: peak %.0f MiB above idle, %.2fx the payload%@", what, Double(growth) / 1_048_576, ratio, verdict)
    }
}

extension ProviderBenchRig {
    static let packageClassPath = "/org/tsprovider/Provider1/SMS_TaskSequencePackage"
    static let packageClassInterface = "org.tsprovider.Provider1.TaskSequencePackageClass"

    /// `ImportFd` of the file at `path`.
    func importFd(_ path: String, on connection: DBusConnection? = nil) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ProviderBenchError("cannot open \(path): errno \(errno)") }
        _ = try (connection ?? client).call(
            destination: Self.providerName, path: ObjectPath(Self.packageClassPath), interface: Self.packageClassInterface, method: "ImportFd",
            arguments: [.unixFD(UnixFileDescriptor(takingOwnershipOf: descriptor)), .stringVariantDictionary([:])], timeout: .seconds(600))
    }

    /// `Import` with the XML as its string argument.
    func importString(_ xml: String) throws {
        do {
            _ = try client.call(
                destination: Self.providerName, path: ObjectPath(Self.packageClassPath), interface: Self.packageClassInterface, method: "Import",
                arguments: [.string(xml), .stringVariantDictionary([:])], timeout: .seconds(600))
        } catch let error as DBusError where error.name == "org.freedesktop.DBus.Error.LimitsExceeded" || error.name == "org.freedesktop.DBus.Error.NoReply" {
            throw ProviderBenchError("the bus refused the message: \(error)")
        }
    }

    /// Runs `body` on `count` connections of their own at once; rethrows the first failure.
    func concurrently(_ count: Int, _ body: @escaping @Sendable (DBusConnection) throws -> Void) throws {
        let connections = try (0..<count).map { _ in try DBusConnection(address: bus.address) }
        defer { connections.forEach { $0.close() } }
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: count) { index in
            do {
                try body(connections[index])
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        if let failure = failures.withLock({ $0.first }) { throw ProviderBenchError(failure) }
    }
}

/// The high-water mark of a process's resident set, from `/proc/<pid>/status` (`VmHWM:`), in KiB.
func peakResidentKiB(of pid: Int32) -> Int? {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
    for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return Int(line.dropFirst("VmHWM:".count).filter(\.isNumber))
    }
    return nil
}

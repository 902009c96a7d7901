// `tsbench reads`: the provider's reads against the C floor (bench/cfloor/cfloor.c) measured in
// the same run on the same private bus (docs/performance.md, "Reads"): a package's and a step's
// property Get, a step's Settings, and GetSequence of 30-, 300- and 3,000-step packages against
// the floor returning a stored string of the same length, with the daemon's RSS after each size.
import DBusKit
import Foundation
import TaskSequenceModel
#if canImport(Glibc)
import Glibc
#endif

func runReadsBenchmark() throws {
    let (cpu, alreadyRan) = try runPinnedOrReturnCPU(area: "reads")
    if alreadyRan { return }
    let rig = try ProviderBenchRig()
    defer { rig.close() }
    let floor = try CFloor(rig: rig)
    defer { floor.stop() }
    let (_, daemon) = try rig.startDaemon(dataDirectory: rig.directory + "/reads")
    print("reads: tsproviderd \(rig.executable); C floor bench/cfloor/cfloor.c; \(cpu.map { "pinned to CPU \($0) with the bus daemon, the floor and the client" } ?? "not pinned")")
    let bench = ReadsBench(rig: rig, floor: floor, daemon: daemon)
    // TSBENCH_READS_PARTS=get,sequence runs only those parts (a profiled daemon is slow).
    let parts = ProcessInfo.processInfo.environment["TSBENCH_READS_PARTS"].map { Set($0.split(separator: ",").map(String.init)) }
    if parts?.contains("get") ?? true { try bench.propertyGets() }
    if parts?.contains("sequence") ?? true {
        for steps in [30, 300, 3_000] { try bench.getSequence(steps: steps) }
    }
}

private struct ReadsBench {
    let rig: ProviderBenchRig
    let floor: CFloor
    let daemon: ChildProcess

    static let packageInterface = "org.tsprovider.Provider1.SMS_TaskSequencePackage"
    static let packageClassInterface = "org.tsprovider.Provider1.TaskSequencePackageClass"
    static let stepInterface = "org.tsprovider.Provider1.SMS_TaskSequence_Step"
    static let actionInterface = "org.tsprovider.Provider1.SMS_TaskSequence_Action"
    static let packageClass = "/org/tsprovider/Provider1/SMS_TaskSequencePackage"

    /// A package of `groups` copies of the generated group (a condition and nine command lines):
    /// ten steps each.
    func importPackage(groups: Int) throws -> ObjectPath {
        let sequence = TaskSequence(schemaVersion: "3.10", steps: try (0..<groups).map { _ in try GeneratedStore.group() })
        return try rig.call(ObjectPath(Self.packageClass), Self.packageClassInterface, "Import", [
            .string(try TaskSequenceBenchXML.write(sequence)), .stringVariantDictionary([:]),
        ]).decode(ObjectPath.self)
    }

    /// The first command line of the package's first group.
    func firstAction(of package: ObjectPath) throws -> ObjectPath {
        let sequence = try rig.call(package.appending("Sequence"), "org.freedesktop.DBus.Properties", "Get", [
            .string("org.tsprovider.Provider1.SMS_TaskSequence"), .string("Steps"),
        ]).decode(DBusValue.self).unwrappingVariant.decode([ObjectPath].self)
        guard let group = sequence.first else { throw ProviderBenchError("the package \(package) has no steps") }
        let inside = try rig.call(group, "org.freedesktop.DBus.Properties", "Get", [
            .string("org.tsprovider.Provider1.SMS_TaskSequence_Group"), .string("Steps"),
        ]).decode(DBusValue.self).unwrappingVariant.decode([ObjectPath].self)
        guard let action = inside.first else { throw ProviderBenchError("the group \(group) has no steps") }
        return action
    }

    /// Blocking Gets of a package's Name, a step's Name and a step's Settings, and the C floor's
    /// Get, in interleaved batches of 250; medians of the batch means.
    func propertyGets() throws {
        let package = try importPackage(groups: 1)
        let step = try firstAction(of: package)
        let client = rig.client
        let all: [(label: String, message: DBusMessage, goal: Double?)] = [
            ("C floor Get (string variant)", try floor.makeGet(), nil),
            ("package Get(Name)", try rig.makeGet(package, interface: Self.packageInterface, property: "Name"), 1.1),
            ("step Get(Name)", try rig.makeGet(step, interface: Self.stepInterface, property: "Name"), 1.3),
            ("step Get(Settings)", try rig.makeGet(step, interface: Self.actionInterface, property: "Settings"), 1.5),
        ]
        // TSBENCH_READS_GETS=package (or step, a label's first word) keeps only those Gets beside
        // the floor, so a profile of the daemon covers one kind of Get.
        let kept = ProcessInfo.processInfo.environment["TSBENCH_READS_GETS"].map { Set($0.split(separator: ",").map(String.init)) }
        let calls = all.enumerated().filter { index, call in
            index == 0 || kept.map { $0.contains(String(call.label.prefix { $0 != " " })) } ?? true
        }.map(\.element)
        for _ in 0..<1_000 { for call in calls { _ = try client.call(call.message) } }
        var samples = Array(repeating: [Double](), count: calls.count)
        for _ in 0..<40 {
            for (index, call) in calls.enumerated() {
                samples[index].append(try meanMicroseconds(250) { _ = try client.call(call.message) })
            }
        }
        let floorTime = medianOf(samples[0])
        print(String(format: "reads: C floor Get %.1f µs (40 interleaved batches of 250 blocking calls, median of the batch means; ratios are medians of each round's ratio)", floorTime))
        for (index, call) in calls.enumerated() {
            guard let goal = call.goal else { continue }
            let ratio = medianRatio(samples[index], to: samples[0])
            print(String(format: "reads: %@ %.1f µs, %.2fx the C floor (goal <= %.1fx)%@", call.label, medianOf(samples[index]), ratio, goal, verdict(ratio <= goal)))
        }
    }

    /// GetSequence of a package of `steps` steps against the C floor's Text of as many bytes.
    func getSequence(steps: Int) throws {
        let package = try importPackage(groups: steps / 10)
        let call = try DBusMessage.methodCall(
            destination: ProviderBenchRig.providerName, path: package, interface: Self.packageInterface, method: "GetSequence")
        let client = rig.client
        let xml = try client.call(call).arguments().decode(String.self)
        let text = try floor.makeText(length: xml.utf8.count)
        let batch = steps >= 3_000 ? 4 : 20
        for _ in 0..<3 {
            _ = try client.call(call)
            _ = try client.call(text)
        }
        var times: [Double] = [], floors: [Double] = []
        for _ in 0..<30 {
            times.append(try meanMicroseconds(batch) { _ = try client.call(call) })
            floors.append(try meanMicroseconds(batch) { _ = try client.call(text) })
        }
        let time = medianOf(times), floorTime = medianOf(floors), ratio = medianRatio(times, to: floors)
        let rss = residentKiB(of: daemon.pid).map { String(format: "%.1f MiB", Double($0) / 1024) } ?? "unknown"
        print(String(format: "reads: GetSequence of %d steps (%d KiB) %.0f µs, C floor Text of the same length %.0f µs, %.2fx (goal <= 3x)%@; %.1f µs per step; daemon RSS %@",
                     steps, xml.utf8.count / 1024, time, floorTime, ratio, verdict(ratio <= 3), time / Double(steps), rss))

        // The first GetSequence after a change builds the XML from the store (no goal: growth).
        let step = try firstAction(of: package)
        var rebuilds: [Double] = []
        for round in 0..<5 {
            _ = try rig.call(step, "org.freedesktop.DBus.Properties", "Set", [
                .string(Self.stepInterface), .string("Name"), .variant(.string("Renamed \(round)")),
            ])
            rebuilds.append(try meanMicroseconds(1) { _ = try client.call(call) })
        }
        let rebuild = medianOf(rebuilds)
        print(String(format: "reads: GetSequence of %d steps right after a step's rename (built from the store) %.0f µs, %.1f µs per step (median of 5)",
                     steps, rebuild, rebuild / Double(steps)))
    }

    private func verdict(_ met: Bool) -> String { met ? "" : "  ** over goal **" }
}

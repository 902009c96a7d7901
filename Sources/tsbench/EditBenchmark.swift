import Foundation
import ProviderCore
import ProviderStore
import TaskSequenceModel

/// One step edit costs the same in a 20-step and a 2,000-step sequence (docs/performance.md):
/// renaming a step and inserting one, each measured in both, as the ratio large / small.
func runEditBenchmark() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tsbench-edit-\(getpid())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let service = ProviderService(
        store: try ProviderStore(path: directory.appendingPathComponent("store.sqlite").path),
        configuration: ProviderConfiguration(), policy: SuperuserOnlyPolicy(superuserIDs: [0])
    )
    let caller = Caller.system

    func package(steps: Int) throws -> (id: String, middle: Int64) {
        let sequence = TaskSequence(schemaVersion: "3.10", steps: (0..<steps).map { number in
            (try? ActionCatalog.builtIn.makeStep(ofClass: "SMS_TaskSequence_RunCommandLineAction", name: "Step \(number)",
                                                 settings: ["CommandLine": "cmd /c echo \(number)"])) ?? Step.group(name: "Step \(number)")
        })
        let id = try service.createPackage(PackageProperties(), for: caller)
        _ = try service.setSequence(packageID: id, xml: TaskSequenceBenchXML.write(sequence), expectedSourceVersion: 0, for: caller)
        let ids = try service.topLevelStepIDs(packageID: id, for: caller)
        return (id, ids[ids.count / 2])
    }

    let small = try package(steps: 20)
    let large = try package(steps: 2_000)
    let rounds = 300

    func rename(_ target: (id: String, middle: Int64)) -> (Int) throws -> Void {
        { round in try service.setStepProperty("Name", to: "Renamed \(round)", stepID: target.middle, packageID: target.id, for: caller) }
    }
    func insertAndDelete(_ target: (id: String, middle: Int64)) -> (Int) throws -> Void {
        { _ in
            let id = try service.addStep(className: StepClass.group, properties: ["Name": "New"], packageID: target.id, parentID: nil, index: 10, for: caller)
            try service.deleteStep(id, packageID: target.id, for: caller)
        }
    }

    // Small and large edits alternate, so a stretch of a busy machine falls on both alike.
    let renames = try medianEditTimes(rounds: rounds, interleaving: [rename(small), rename(large)])
    let inserts = try medianEditTimes(rounds: rounds / 3, interleaving: [insertAndDelete(small), insertAndDelete(large)])
    let (renameSmall, renameLarge, insertSmall, insertLarge) = (renames[0], renames[1], inserts[0], inserts[1])
    print(String(format: "edit: rename a step %.0f µs in 20 steps, %.0f µs in 2,000 steps, ratio %.2fx (goal <= 1.2x)",
                 renameSmall.wall, renameLarge.wall, renameLarge.wall / renameSmall.wall))
    print(String(format: "edit: insert+delete a step %.0f µs in 20 steps, %.0f µs in 2,000 steps, ratio %.2fx (goal <= 1.2x)",
                 insertSmall.wall, insertLarge.wall, insertLarge.wall / insertSmall.wall))
    // CPU time leaves out waiting for the disk to sync each commit, which swamps wall time on a
    // busy machine: it is the work an edit does, which is what must not grow with the sequence.
    print(String(format: "edit: rename a step, CPU %.0f µs in 20 steps, %.0f µs in 2,000 steps, ratio %.2fx (goal <= 1.2x)",
                 renameSmall.cpu, renameLarge.cpu, renameLarge.cpu / renameSmall.cpu))
    print(String(format: "edit: insert+delete a step, CPU %.0f µs in 20 steps, %.0f µs in 2,000 steps, ratio %.2fx (goal <= 1.2x)",
                 insertSmall.cpu, insertLarge.cpu, insertLarge.cpu / insertSmall.cpu))
}

/// Medians of an edit's wall time and of the CPU time its thread spent, in microseconds.
struct EditTimes {
    var wall: Double
    var cpu: Double
}

/// Medians of each body's wall time and of this thread's CPU time over `rounds` rounds, after
/// three warm-ups each; in every round each body runs once, the order turning round by round.
func medianEditTimes(rounds: Int, interleaving bodies: [(Int) throws -> Void]) throws -> [EditTimes] {
    for round in 0..<3 { for body in bodies { try body(-1 - round) } }
    var wall = Array(repeating: [Double](), count: bodies.count), cpu = wall
    for round in 0..<rounds {
        for step in 0..<bodies.count {
            let index = (round + step) % bodies.count
            let startCPU = threadCPUNanoseconds(), start = DispatchTime.now().uptimeNanoseconds
            try bodies[index](round)
            wall[index].append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000)
            cpu[index].append(Double(threadCPUNanoseconds() - startCPU) / 1_000)
        }
    }
    func median(_ samples: [Double]) -> Double { samples.isEmpty ? 0 : samples.sorted()[samples.count / 2] }
    return zip(wall, cpu).map { EditTimes(wall: median($0), cpu: median($1)) }
}

/// CPU time the calling thread has used.
func threadCPUNanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
    return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}

/// Median wall time of `body` over `rounds` runs after a few warm-ups, in microseconds.
func medianMicroseconds(rounds: Int, _ body: (Int) throws -> Void) throws -> Double {
    for round in 0..<3 { try body(-1 - round) }
    var samples: [Double] = []
    samples.reserveCapacity(rounds)
    for round in 0..<rounds {
        let start = DispatchTime.now().uptimeNanoseconds
        try body(round)
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000)
    }
    samples.sort()
    return samples[samples.count / 2]
}

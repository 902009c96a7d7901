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

    func rename(_ target: (id: String, middle: Int64)) throws -> Double {
        try medianMicroseconds(rounds: rounds) { round in
            try service.setStepProperty("Name", to: "Renamed \(round)", stepID: target.middle, packageID: target.id, for: caller)
        }
    }
    func insertAndDelete(_ target: (id: String, middle: Int64)) throws -> Double {
        try medianMicroseconds(rounds: rounds / 3) { _ in
            let id = try service.addStep(className: StepClass.group, properties: ["Name": "New"], packageID: target.id, parentID: nil, index: 10, for: caller)
            try service.deleteStep(id, packageID: target.id, for: caller)
        }
    }

    let renameSmall = try rename(small), renameLarge = try rename(large)
    let insertSmall = try insertAndDelete(small), insertLarge = try insertAndDelete(large)
    print(String(format: "edit: rename a step %.0f µs in 20 steps, %.0f µs in 2,000 steps, ratio %.2fx (goal <= 1.5x)",
                 renameSmall, renameLarge, renameLarge / renameSmall))
    print(String(format: "edit: insert+delete a step %.0f µs in 20 steps, %.0f µs in 2,000 steps, ratio %.2fx (goal <= 1.5x)",
                 insertSmall, insertLarge, insertLarge / insertSmall))
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

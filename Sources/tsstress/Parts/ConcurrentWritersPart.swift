import DBusKit
import Dispatch
import Foundation
import TaskSequenceModel
import TaskSequenceXML
import ProviderContract

/// Writers on one sequence, each on its own connection: read-modify-write with the version
/// check (read SourceVersion, then the sequence, add a step of its own, SetSequence with the
/// version read; on Conflict read again). At the end every acknowledged update's step must be in
/// the sequence exactly once: no update lost to another writer's. Then the same writers add
/// steps with `AddStep` all at once, and every added step must be there too.
struct ConcurrentWritersPart {
    struct Outcome {
        var writers = 0
        var acknowledged = 0
        var conflicts = 0
        var lost: [String] = []
        var duplicated: [String] = []
        var errors: [String] = []
        var seconds = 0.0
        var ok: Bool { lost.isEmpty && duplicated.isEmpty && errors.isEmpty }
    }

    let rig: StressRig
    var writers = 8
    var updatesPerWriter = 25

    func run() throws -> Outcome {
        let start = ContinuousClock.now
        let base = TaskSequence(schemaVersion: "3.10", steps: [try Self.step(named: "base")])
        let reply = try rig.call(ProviderNames.classPath(ClassName.taskSequencePackage), ProviderNames.packageClassInterface, "Import", [
            .string(try TaskSequenceWriter().sequenceXML(base)), .stringVariantDictionary(["Name": .string("writers")]),
        ])
        guard case .objectPath(let package)? = reply.first else { throw StressFailure("Import returned no path") }
        let results = Shared<[(acknowledged: [String], conflicts: Int, error: String?)]>([])
        DispatchQueue.concurrentPerform(iterations: writers) { writer in
            var acknowledged: [String] = [], conflicts = 0
            var failure: String?
            do {
                let connection = try DBusConnection(address: rig.bus.address)
                defer { connection.close() }
                for update in 0..<updatesPerWriter {
                    let name = "w\(writer)-\(update)"
                    while true {
                        // The version first: a sequence read after it is at least as new, so a
                        // stale read can only fail the check, never overwrite a newer sequence.
                        guard case .uint32(let version) = try rig.property(package, ProviderNames.packageInterface, "SourceVersion", on: connection),
                              case .string(let xml)? = try rig.call(package, ProviderNames.packageInterface, "GetSequence", on: connection).first else {
                            throw StressFailure("SourceVersion or GetSequence of \(package) has the wrong type")
                        }
                        var sequence = try TaskSequenceReader().sequence(fromXML: xml)
                        sequence.insertStep(try Self.step(named: name))
                        do {
                            try rig.call(package, ProviderNames.packageInterface, "SetSequence", [
                                .string(try TaskSequenceWriter().sequenceXML(sequence)), .uint32(version),
                            ], on: connection)
                            acknowledged.append(name)
                            break
                        } catch let error as DBusError where error.name == ProviderNames.conflictError {
                            conflicts += 1
                        }
                    }
                }
            } catch {
                failure = "writer \(writer): \(error)"
            }
            results.update { $0.append((acknowledged, conflicts, failure)) }
        }
        // Step edits: the same writers add steps with AddStep at once, none checking versions.
        DispatchQueue.concurrentPerform(iterations: writers) { writer in
            var acknowledged: [String] = []
            var failure: String?
            do {
                let connection = try DBusConnection(address: rig.bus.address)
                defer { connection.close() }
                let sequencePath = try package.appending("Sequence")
                for update in 0..<updatesPerWriter {
                    let name = "a\(writer)-\(update)"
                    try rig.call(sequencePath, ProviderNames.sequenceInterface, "AddStep", [
                        .string("SMS_TaskSequence_RunCommandLineAction"),
                        .stringVariantDictionary(["Name": .string(name), "CommandLine": .string("cmd /c echo \(name)")]), .int32(-1),
                    ], on: connection)
                    acknowledged.append(name)
                }
            } catch {
                failure = "AddStep writer \(writer): \(error)"
            }
            results.update { $0.append((acknowledged, 0, failure)) }
        }
        var outcome = Outcome(writers: writers)
        guard case .string(let finalXML)? = try rig.call(package, ProviderNames.packageInterface, "GetSequence").first else {
            throw StressFailure("GetSequence of \(package) returned no string")
        }
        let names = try TaskSequenceReader().sequence(fromXML: finalXML).allSteps.map(\.name)
        let counted = Dictionary(names.map { ($0, 1) }, uniquingKeysWith: +)
        for result in results.value {
            outcome.acknowledged += result.acknowledged.count
            outcome.conflicts += result.conflicts
            if let error = result.error { outcome.errors.append(error) }
            for name in result.acknowledged {
                switch counted[name] ?? 0 {
                case 0: outcome.lost.append(name)
                case 1: break
                default: outcome.duplicated.append(name)
                }
            }
        }
        outcome.seconds = (ContinuousClock.now - start).seconds
        return outcome
    }

    static func step(named name: String) throws -> Step {
        try ActionCatalog.builtIn.makeStep(ofClass: "SMS_TaskSequence_RunCommandLineAction", name: name,
                                           settings: ["CommandLine": "cmd /c echo \(name)"])
    }
}

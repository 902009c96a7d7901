import DBusKit
import Dispatch
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
import ProviderContract
#endif

/// `kill -9` during imports and edits, round after round: the daemon starts on a small store, a
/// client imports, rewrites sequences (SetSequence), renames and deletes packages one call at a
/// time, and at a random moment the daemon is killed. Then the store must pass SQLite's
/// `integrity_check`, and the restarted daemon must hold every write that was acknowledged
/// (the one call in flight at the kill may or may not have happened), each package with its
/// whole sequence, exactly as imported or set.
struct KillRoundsPart {
    struct Outcome {
        var rounds = 0
        var acknowledgedWrites = 0
        var killsDuringCalls = 0
        /// Which call was in flight when the kill came, by member.
        var killedDuring: [String: Int] = [:]
        var lostWrites: [String] = []
        var halfWritten: [String] = []
        var integrityFailures: [String] = []
        var startupSeconds: [Double] = []
        var seconds = 0.0
        var ok: Bool { lostWrites.isEmpty && halfWritten.isEmpty && integrityFailures.isEmpty }
    }

    /// A package as the client knows it: its name and which reference sequence it holds.
    struct Expected: Hashable {
        var name: String
        var sequence: Int
    }

    /// The one write that was in flight when the daemon died: it may or may not have happened.
    enum Uncertain {
        case none
        case importing(Expected)
        case setSequence(ObjectPath, Int)
        case rename(ObjectPath, String)
        case delete(ObjectPath)

        /// The member called, `nil` when no call was in flight.
        var member: String? {
            switch self {
            case .none: return nil
            case .importing: return "Import"
            case .setSequence: return "SetSequence"
            case .rename: return "Set(Name)"
            case .delete: return "Delete"
            }
        }
    }

    let rig: StressRig
    let dataDirectory: String
    /// Task sequences to import (small real files, so rounds stay fast).
    let texts: [String]
    var rounds = 100
    var seed: UInt64 = 2

    func run() throws -> Outcome {
        var outcome = Outcome()
        var random = SeededRandom(seed: seed)
        let start = ContinuousClock.now
        try rig.startDaemon(dataDirectory: dataDirectory)
        // The canonical sequence of each text, as the daemon stores it.
        var references: [String] = []
        for text in texts {
            let package = try importPackage(text, name: "reference")
            references.append(try sequence(of: package))
            try rig.call(package, ProviderNames.packageInterface, "Delete")
        }
        let sequences = references
        var known: [ObjectPath: Expected] = [:]
        for round in 0..<rounds {
            let uncertain = Shared<Uncertain>(.none)
            let model = Shared(known)
            let acknowledged = Shared(0)
            let stop = Shared(false)
            let workerSeed = random.next()
            let done = DispatchSemaphore(value: 0)
            let worker = Thread {
                var random = SeededRandom(seed: workerSeed)
                var number = 0
                while !stop.value {
                    number += 1
                    do {
                        try write(round: round, number: number, references: sequences, model: model, uncertain: uncertain, random: &random)
                        acknowledged.update { $0 += 1 }
                    } catch {
                        break  // the daemon is gone
                    }
                }
                done.signal()
            }
            worker.start()
            usleep(UInt32.random(in: 5_000...300_000, using: &random))
            rig.stopDaemon(kill: true)
            stop.update { $0 = true }
            done.wait()
            outcome.acknowledgedWrites += acknowledged.value
            let pending = uncertain.value
            if let member = pending.member {
                outcome.killsDuringCalls += 1
                outcome.killedDuring[member, default: 0] += 1
            }

            if let problem = integrityProblem() { outcome.integrityFailures.append("round \(round): \(problem)") }
            let started = ContinuousClock.now
            try rig.startDaemon(dataDirectory: dataDirectory)
            outcome.startupSeconds.append((ContinuousClock.now - started).seconds)
            known = try verify(round: round, expected: model.value, pending: pending, references: sequences, outcome: &outcome)
            outcome.rounds += 1
            if round % 10 == 9 {
                report("stress: kill -9 round \(round + 1)/\(rounds): \(outcome.acknowledgedWrites) acknowledged writes, "
                      + "\(outcome.lostWrites.count) lost, \(outcome.halfWritten.count) half-written, \(outcome.integrityFailures.count) integrity failures")
            }
        }
        rig.stopDaemon()
        outcome.seconds = (ContinuousClock.now - start).seconds
        return outcome
    }

    // MARK: The writes

    /// One write, recorded in `model` once acknowledged; `uncertain` names it while in flight.
    private func write(round: Int, number: Int, references: [String], model: Shared<[ObjectPath: Expected]>,
                       uncertain: Shared<Uncertain>, random: inout SeededRandom) throws {
        let packages = model.value.keys.sorted()
        let roll = Int.random(in: 0..<100, using: &random)
        if packages.count < 3 || (roll < 35 && packages.count < 40) {
            let index = Int.random(in: 0..<texts.count, using: &random)
            let expected = Expected(name: "k9 \(round)-\(number)", sequence: index)
            uncertain.update { $0 = .importing(expected) }
            let package = try importPackage(texts[index], name: expected.name)
            model.update { $0[package] = expected }
        } else if let package = packages.randomElement(using: &random) {
            if roll < 60 {
                let index = Int.random(in: 0..<references.count, using: &random)
                uncertain.update { $0 = .setSequence(package, index) }
                try rig.call(package, ProviderNames.packageInterface, "SetSequence", [.string(references[index]), .uint32(0)])
                model.update { $0[package]?.sequence = index }
            } else if roll < 85 {
                let name = "renamed \(round)-\(number)"
                uncertain.update { $0 = .rename(package, name) }
                try rig.setProperty(package, ProviderNames.packageInterface, "Name", .string(name))
                model.update { $0[package]?.name = name }
            } else {
                uncertain.update { $0 = .delete(package) }
                try rig.call(package, ProviderNames.packageInterface, "Delete")
                model.update { _ = $0.removeValue(forKey: package) }
            }
        }
        uncertain.update { $0 = .none }
    }

    private func importPackage(_ text: String, name: String) throws -> ObjectPath {
        let reply = try rig.call(ProviderNames.classPath(ClassName.taskSequencePackage), ProviderNames.packageClassInterface, "Import", [
            .string(text), .stringVariantDictionary(["Name": .string(name)]),
        ], timeout: .seconds(30))
        guard case .objectPath(let path)? = reply.first else { throw StressFailure("Import returned no path") }
        return path
    }

    private func sequence(of package: ObjectPath) throws -> String {
        guard case .string(let text)? = try rig.call(package, ProviderNames.packageInterface, "GetSequence").first else {
            throw StressFailure("GetSequence of \(package) returned no string")
        }
        return text
    }

    // MARK: The checks

    /// `PRAGMA integrity_check` on the store with the sqlite3 shell: `nil` when it says ok.
    private func integrityProblem() -> String? {
        let output = dataDirectory + ".integrity"
        do {
            let shell = try ChildProcess.spawn("/usr/bin/sqlite3", arguments: [dataDirectory + "/store.sqlite", "PRAGMA integrity_check;"],
                                               standardOutput: .file(output), standardError: .file(output + ".err"))
            let ending = shell.wait(timeout: .seconds(60)) ?? shell.terminate()
            let text = ((try? String(contentsOfFile: output, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let errors = ((try? String(contentsOfFile: output + ".err", encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            return ending.isSuccess && text == "ok" ? nil : "sqlite3 ended \(ending): \(text) \(errors)"
        } catch {
            return "cannot run /usr/bin/sqlite3: \(error)"
        }
    }

    /// Compares the restarted daemon's packages with the acknowledged writes; returns the model
    /// the next round starts from (with the uncertain write resolved as the store has it).
    private func verify(round: Int, expected: [ObjectPath: Expected], pending: Uncertain, references: [String],
                        outcome: inout Outcome) throws -> [ObjectPath: Expected] {
        let reply = try rig.call(ProviderNames.classPath(ClassName.taskSequencePackage), ProviderNames.classInterface, "Enumerate")
        guard case .array(_, let values)? = reply.first else { throw StressFailure("Enumerate returned no array") }
        let present = Set(values.compactMap { value -> ObjectPath? in
            if case .objectPath(let path) = value { return path }
            return nil
        })
        var next: [ObjectPath: Expected] = [:]
        for (package, wanted) in expected {
            guard present.contains(package) else {
                if case .delete(let deleting) = pending, deleting == package { continue }
                outcome.lostWrites.append("round \(round): \(package) (\(wanted.name)) is missing after the restart")
                continue
            }
            var allowed = [wanted]
            if case .setSequence(let target, let index) = pending, target == package { allowed.append(Expected(name: wanted.name, sequence: index)) }
            if case .rename(let target, let name) = pending, target == package { allowed.append(Expected(name: name, sequence: wanted.sequence)) }
            next[package] = try check(package, allowed: allowed, references: references, round: round, outcome: &outcome)
        }
        for package in present where expected[package] == nil {
            guard case .importing(let wanted) = pending else {
                outcome.lostWrites.append("round \(round): \(package) exists but no acknowledged write created it (or it was deleted)")
                continue
            }
            next[package] = try check(package, allowed: [wanted], references: references, round: round, outcome: &outcome)
        }
        return next
    }

    /// The package's name and whole sequence against the allowed states; returns the state found.
    private func check(_ package: ObjectPath, allowed: [Expected], references: [String], round: Int, outcome: inout Outcome) throws -> Expected {
        let name = try rig.property(package, ProviderNames.packageInterface, "Name").stringValue ?? ""
        let text = try sequence(of: package)
        let index = references.firstIndex(of: text)
        let found = Expected(name: name, sequence: index ?? -1)
        if index == nil {
            outcome.halfWritten.append("round \(round): \(package) (\(name)) holds a sequence of \(text.utf8.count) bytes that is none of those written")
        } else if !allowed.contains(found) {
            outcome.lostWrites.append("round \(round): \(package) is \(name) with sequence \(found.sequence); expected one of \(allowed)")
        }
        return found
    }
}

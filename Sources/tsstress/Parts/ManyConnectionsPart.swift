import DBusKit
import Dispatch
import Foundation

/// Many client connections at once: each is opened and kept open, then every one calls the
/// daemon with all calls in flight together; all must be answered, and the daemon must still
/// serve a new connection after they close.
struct ManyConnectionsPart {
    struct Outcome {
        var requested = 0
        var opened = 0
        var answered = 0
        var failures: [String: Int] = [:]
        var servesAfter = false
        var seconds = 0.0
        var ok: Bool { opened == requested && answered == requested && failures.isEmpty && servesAfter }
    }

    let rig: StressRig
    var connections = 300

    func run() throws -> Outcome {
        var outcome = Outcome(requested: connections)
        let start = ContinuousClock.now
        var open: [DBusConnection] = []
        defer { open.forEach { $0.close() } }
        for _ in 0..<connections {
            do {
                open.append(try DBusConnection(address: rig.bus.address))
            } catch {
                outcome.failures["open: " + DBusError(converting: error).name, default: 0] += 1
            }
        }
        outcome.opened = open.count
        let answers = Shared<(answered: Int, failures: [String: Int])>((0, [:]))
        let done = DispatchSemaphore(value: 0)
        for connection in open {
            let call = try DBusMessage.methodCall(
                destination: StressRig.providerName, path: ProviderNames.root, interface: "org.freedesktop.DBus.Properties", method: "Get",
                arguments: [.string(ProviderNames.rootInterface), .string("Version")])
            do {
                try connection.call(call, timeout: .seconds(30)) { result in
                    answers.update { state in
                        switch result {
                        case .success: state.answered += 1
                        case .failure(let error): state.failures[DBusError(converting: error).name, default: 0] += 1
                        }
                    }
                    done.signal()
                }
            } catch {
                answers.update { $0.failures["send: " + DBusError(converting: error).name, default: 0] += 1 }
                done.signal()
            }
        }
        for _ in open { _ = done.wait(timeout: .now() + .seconds(60)) }
        outcome.answered = answers.value.answered
        outcome.failures.merge(answers.value.failures, uniquingKeysWith: +)
        open.forEach { $0.close() }
        open.removeAll()
        let fresh = try DBusConnection(address: rig.bus.address)
        defer { fresh.close() }
        outcome.servesAfter = (try? rig.property(ProviderNames.root, ProviderNames.rootInterface, "Version", on: fresh)) != nil
            && rig.process?.isRunning == true
        outcome.seconds = (ContinuousClock.now - start).seconds
        return outcome
    }
}

import Foundation

/// What a run does, from the environment (`make stress` passes these through), each with the
/// default the issue asks for.
struct StressSettings {
    /// STRESS_PARTS: a comma-separated subset of fuzz, kill, writers, connections.
    var parts: Set<String> = ["fuzz", "kill", "writers", "connections"]
    /// STRESS_CALLS: fuzzed calls.
    var calls = 100_000
    /// STRESS_WINDOW: fuzzed calls in flight at once.
    var window = 32
    /// STRESS_SECONDS: the fuzzed calls stop after this long even if fewer were made.
    var fuzzSeconds = 480
    /// STRESS_KILL_ROUNDS: kill -9 rounds.
    var killRounds = 100
    /// STRESS_WRITERS and STRESS_WRITER_UPDATES: concurrent writers and updates each.
    var writers = 8
    var writerUpdates = 25
    /// STRESS_CONNECTIONS: connections open at once.
    var connections = 300
    /// STRESS_SEED: repeats a run's random choices (printed at the start).
    var seed: UInt64 = UInt64(Date().timeIntervalSince1970 * 1000)
    /// STRESS_INTERFACES: the interface files; STRESS_FIXTURES: the real task sequences.
    var interfacesDirectory = FileManager.default.currentDirectoryPath + "/interfaces"
    var fixturesDirectory = FileManager.default.currentDirectoryPath + "/Tests/Fixtures/realworld"

    static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> StressSettings {
        var settings = StressSettings()
        func number(_ name: String, _ keyPath: WritableKeyPath<StressSettings, Int>) throws {
            guard let text = environment[name] else { return }
            guard let value = Int(text), value >= 0 else { throw StressFailure("\(name)=\(text) is not a whole number >= 0") }
            settings[keyPath: keyPath] = value
        }
        try number("STRESS_CALLS", \.calls)
        try number("STRESS_WINDOW", \.window)
        try number("STRESS_SECONDS", \.fuzzSeconds)
        try number("STRESS_KILL_ROUNDS", \.killRounds)
        try number("STRESS_WRITERS", \.writers)
        try number("STRESS_WRITER_UPDATES", \.writerUpdates)
        try number("STRESS_CONNECTIONS", \.connections)
        settings.window = max(1, settings.window)
        if let text = environment["STRESS_SEED"] {
            guard let seed = UInt64(text) else { throw StressFailure("STRESS_SEED=\(text) is not a whole number") }
            settings.seed = seed
        }
        if let text = environment["STRESS_PARTS"] {
            let parts = Set(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            let unknown = parts.subtracting(StressSettings().parts)
            guard unknown.isEmpty else { throw StressFailure("STRESS_PARTS names unknown parts \(unknown.sorted()); known: fuzz, kill, writers, connections") }
            settings.parts = parts
        }
        if let directory = environment["STRESS_INTERFACES"] { settings.interfacesDirectory = directory }
        if let directory = environment["STRESS_FIXTURES"] { settings.fixturesDirectory = directory }
        return settings
    }
}

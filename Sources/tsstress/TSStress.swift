// tsstress: the reliability suite behind `make stress`. Runs the release tsproviderd on a
// private bus and checks invariants under load: fuzzed calls generated from the interface files,
// kill -9 during writes, concurrent writers on one sequence, many connections at once. Prints
// its figures and a summary; exits 1 when an invariant fails, 2 when it cannot run.
import DBusKit
import Foundation
#if canImport(Glibc)
import Glibc
#endif

@main
struct TSStress {
    static func main() {
        do {
            let settings = try StressSettings.fromEnvironment()
            let summary = try run(settings)
            summary.print()
            exit(summary.passed ? 0 : 1)
        } catch {
            report("tsstress: cannot run: \(error)")
            exit(2)
        }
    }

    static func run(_ settings: StressSettings) throws -> StressSummary {
        report("stress: seed \(settings.seed) (STRESS_SEED repeats this run); parts \(settings.parts.sorted().joined(separator: ", "))")
        let catalog = try InterfaceCatalog.load(directory: settings.interfacesDirectory)
        let rig = try StressRig()
        defer { rig.close() }
        report("stress: tsproviderd \(rig.executable); \(catalog.interfaces.count) interfaces from \(settings.interfacesDirectory)")
        var summary = StressSummary()

        if settings.parts.contains("fuzz") {
            let dataDirectory = rig.directory + "/fuzz"
            try rig.startDaemon(dataDirectory: dataDirectory)
            var part = FuzzedCallsPart(rig: rig, fixtures: try FixtureSet(rig: rig, fixtureDirectory: settings.fixturesDirectory),
                                       catalog: catalog, dataDirectory: dataDirectory)
            part.calls = settings.calls
            part.window = settings.window
            part.timeLimit = .seconds(settings.fuzzSeconds)
            part.seed = settings.seed
            summary.fuzz = try part.run()
            rig.stopDaemon()
        }
        if settings.parts.contains("kill") {
            var part = KillRoundsPart(rig: rig, dataDirectory: rig.directory + "/kill", texts: try killTexts(settings.fixturesDirectory))
            part.rounds = settings.killRounds
            part.seed = settings.seed &+ 1
            summary.kill = try part.run()
        }
        if settings.parts.contains("writers") || settings.parts.contains("connections") {
            try rig.startDaemon(dataDirectory: rig.directory + "/load")
            if settings.parts.contains("writers") {
                var part = ConcurrentWritersPart(rig: rig)
                part.writers = settings.writers
                part.updatesPerWriter = settings.writerUpdates
                summary.writers = try part.run()
            }
            if settings.parts.contains("connections") {
                var part = ManyConnectionsPart(rig: rig)
                part.connections = settings.connections
                summary.connections = try part.run()
            }
            rig.stopDaemon()
        }
        return summary
    }

    /// Small real task sequences for the kill -9 rounds: imports stay quick, so a kill often
    /// lands inside one.
    static let killFixtureNames = [
        "microsoft__configmgr-hub-firstparty__How_to_use_Chassis_Type_Queries.xml",
        "microsoft__configmgr-hub-firstparty__objects__TaskSequence__How_to_use_Download_Retry_Variables.xml",
        "erikpt__Modern-Deployment-Toolkit__DeployXMLExamples__001__ts.xml",
        "DeploymentResearch__HydrationKitWS2022__Source__Hydration__Control__DC01__ts.xml",
    ]

    static func killTexts(_ directory: String) throws -> [String] {
        try killFixtureNames.map { name in
            do {
                return try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
            } catch {
                throw StressFailure("cannot read the fixture \(directory)/\(name): \(error)")
            }
        }
    }
}

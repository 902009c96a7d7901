// `tsbench provider` part `tree`: the object tree as a generic object-manager client meets it.
// The root's GetManagedObjects with 100,000 packages, and a 300-step package's own
// GetManagedObjects, beside the absolute goals issue 11 sets (≤ 2 s, ≤ 30 ms) and against the
// bus daemon's Peer.Ping measured in the same run.
import DBusKit
import Foundation
import TaskSequenceModel

struct TreeBench {
    let rig: ProviderBenchRig

    static let rootPath = "/org/tsprovider/Provider1"
    static let objectManager = "org.freedesktop.DBus.ObjectManager"
    static let packages = 100_000
    static let runs = 5

    func run() throws {
        let directory = rig.directory + "/tree"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // One step per package: the root's reply does not depend on the steps.
        let small = TaskSequence(schemaVersion: "3.10", steps: [
            try ActionCatalog.builtIn.makeStep(ofClass: "SMS_TaskSequence_RunCommandLineAction", name: "Run", settings: ["CommandLine": "cmd /c echo"]),
        ])
        let generation = try ContinuousClock().measure {
            _ = try GeneratedStore.create(at: directory + "/store.sqlite", packages: Self.packages, template: small)
        }
        print(String(format: "provider: tree: generated %d packages in %.1f s", Self.packages, generation.seconds))
        try rig.startDaemon(dataDirectory: directory)
        defer { try? rig.stopDaemon() }
        let root = try ObjectPath(Self.rootPath)
        let ping = try rig.makePing()
        let pingTime = try medianOf((0..<20).map { _ in try meanMicroseconds(250) { _ = try rig.client.call(ping) } })

        var times: [Double] = []
        var objects = 0, bytes = 0
        var valuesLeftOut = false
        for _ in 0..<Self.runs {
            var reply: [DBusValue] = []
            times.append(try ContinuousClock().measure { reply = try rig.call(root, Self.objectManager, "GetManagedObjects") }.seconds)
            objects = Self.count(reply)
            bytes = DBusValue.marshalledSize(of: reply)
            valuesLeftOut = Self.packageValuesLeftOut(reply)
        }
        guard objects > Self.packages else { throw ProviderBenchError("the root reported \(objects) objects for \(Self.packages) packages") }
        let rootTime = medianOf(times), firstTime = times.first ?? 0
        print(String(format: "provider: tree: root GetManagedObjects with %d packages %.2f s (goal <= 2 s)%@, first call %.2f s; %d objects, %.1f MiB reply, %@; %.0fx Peer.Ping (%.1f µs); median of %d",
                     Self.packages, rootTime, verdict(rootTime <= 2), firstTime, objects, Double(bytes) / 1_048_576,
                     valuesLeftOut ? "property values left out (with them it passes the bus's 32 MiB)" : "with property values",
                     rootTime * 1e6 / pingTime, pingTime, Self.runs))

        // A 300-step package: 30 groups of ten (a condition each), imported as a client would.
        let sequence = TaskSequence(schemaVersion: "3.10", steps: Array(repeating: try GeneratedStore.group(), count: 30))
        let package = try rig.call(ObjectPath(Self.rootPath + "/SMS_TaskSequencePackage"), "org.tsprovider.Provider1.TaskSequencePackageClass",
                                   "Import", [.string(TaskSequenceBenchXML.write(sequence)), .stringVariantDictionary([:])]).decode(ObjectPath.self)
        var packageReply: [DBusValue] = []
        for _ in 0..<3 { packageReply = try rig.call(package, Self.objectManager, "GetManagedObjects") }
        var packageTimes: [Double] = []
        for _ in 0..<20 {
            packageTimes.append(try ContinuousClock().measure { packageReply = try rig.call(package, Self.objectManager, "GetManagedObjects") }.seconds)
        }
        let packageObjects = Self.count(packageReply)
        let packageTime = medianOf(packageTimes) * 1000
        print(String(format: "provider: tree: a 300-step package's GetManagedObjects %.1f ms (goal <= 30 ms)%@, %d objects, %d KiB reply; %.0fx Peer.Ping; median of 20",
                     packageTime, verdict(packageTime <= 30), packageObjects, DBusValue.marshalledSize(of: packageReply) / 1024,
                     packageTime * 1000 / pingTime))
    }

    /// Whether the packages in a root reply came without their property values.
    private static func packageValuesLeftOut(_ reply: [DBusValue]) -> Bool {
        guard case .dictionary(_, _, let entries)? = reply.first else { return false }
        for entry in entries {
            guard case .objectPath(let path) = entry.key, path.rawValue.hasPrefix(rootPath + "/SMS_TaskSequencePackage/"),
                  case .dictionary(_, _, let interfaces) = entry.value, let first = interfaces.first,
                  case .dictionary(_, _, let values) = first.value else { continue }
            return values.isEmpty
        }
        return false
    }

    /// How many objects a GetManagedObjects reply holds.
    private static func count(_ reply: [DBusValue]) -> Int {
        if case .dictionary(_, _, let entries)? = reply.first { return entries.count }
        return 0
    }

    private func verdict(_ met: Bool) -> String { met ? "" : "  ** over goal **" }
}

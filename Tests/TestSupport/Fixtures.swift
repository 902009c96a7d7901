import Foundation

/// The files under `Tests/Fixtures`, found from this source file's path.
public enum Fixtures {
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")
    public static let realWorld = root.appendingPathComponent("realworld")
    public static let derived = realWorld.appendingPathComponent("derived")
    public static let malformed = root.appendingPathComponent("malformed")
    public static let containers = root.appendingPathComponent("containers")

    /// Names of the real-world task sequence files (not NOTICE, not `derived/`).
    public static let realWorldNames: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: realWorld.path)) ?? []
        return names.filter { $0.lowercased().hasSuffix(".xml") }.sorted()
    }()

    /// The names of the ConfigMgr 2012+ `object.xml` files among them.
    public static var objectXMLNames: [String] { realWorldNames.filter { $0.hasSuffix("object.xml") } }

    public static let malformedNames: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: malformed.path)) ?? []
        return names.filter { $0.hasSuffix(".xml") }.sorted()
    }()

    public static func data(_ name: String, in directory: URL = realWorld) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(name))
    }

    /// The sequence text the corpus extracted from an `object.xml`.
    public static func derivedSequence(for name: String) throws -> Data {
        try Data(contentsOf: derived.appendingPathComponent(name + ".sequence.xml"))
    }
}

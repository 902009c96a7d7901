#if canImport(Glibc)
import Glibc
#endif

/// Writes and checks the `interfaces/<interface-name>.xml` files of a service, generated from
/// the same declarations the service serves.
///
/// A test calls ``check(_:in:)`` and fails on any difference; a developer regenerates with
/// ``write(_:to:)``. Each file is a complete introspection document holding one interface,
/// written exactly as the live `Introspect` reply writes it, so
/// ``IntrospectionXML/interfaceElements(in:)`` of a live reply can be compared with the file.
public enum InterfaceFiles {
    /// A file that does not match its declaration.
    public struct Mismatch: Hashable, Sendable, CustomStringConvertible {
        /// The interface name.
        public let interface: String
        /// The file's path.
        public let path: String
        /// What is wrong.
        public let problem: String

        /// `path: problem`.
        public var description: String { "\(path): \(problem)" }
    }

    /// The file name for an interface: `<interface-name>.xml`.
    public static func fileName(for interface: DBusInterfaceInfo) -> String { "\(interface.name).xml" }

    /// The file contents for an interface, with its documentation as the comments
    /// `gdbus-codegen` reads.
    public static func contents(for interface: DBusInterfaceInfo) -> String {
        IntrospectionXML.document(interfaces: [interface], documented: true)
    }

    /// Writes one file per interface into `directory` (which must exist).
    ///
    /// - Throws: ``DBusError/invalidArgs(_:)`` for an invalid declaration, ``DBusError/failed(_:)``
    ///   when a file cannot be written.
    public static func write(_ interfaces: [DBusInterfaceInfo], to directory: String) throws {
        for interface in interfaces {
            try interface.validate()
            try PrivateBus.writeFile(path(of: interface, in: directory), contents: contents(for: interface))
        }
    }

    /// Compares each interface with its file in `directory`.
    ///
    /// - Returns: one mismatch per missing or different file (empty when all match); the
    ///   problem names the first differing line.
    public static func check(_ interfaces: [DBusInterfaceInfo], in directory: String) -> [Mismatch] {
        var mismatches: [Mismatch] = []
        for interface in interfaces {
            let filePath = path(of: interface, in: directory)
            do {
                try interface.validate()
            } catch {
                let problem = "invalid declaration: \(DBusError(converting: error).message)"
                mismatches.append(Mismatch(interface: interface.name, path: filePath, problem: problem))
                continue
            }
            guard let actual = readFile(filePath) else {
                mismatches.append(Mismatch(interface: interface.name, path: filePath, problem: "file is missing"))
                continue
            }
            let expected = contents(for: interface)
            if actual != expected {
                mismatches.append(Mismatch(interface: interface.name, path: filePath, problem: firstDifference(expected: expected, actual: actual)))
            }
        }
        return mismatches
    }

    /// Compares every interface in a live `Introspect` reply with its file in `directory`,
    /// skipping the standard `org.freedesktop.DBus.*` interfaces: the proof that what a running
    /// service answers matches the files.
    ///
    /// - Returns: one mismatch per interface whose file is missing or differs.
    public static func checkIntrospection(_ introspectionXML: String, against directory: String) -> [Mismatch] {
        var mismatches: [Mismatch] = []
        let live = IntrospectionXML.interfaceElements(in: introspectionXML)
        for name in live.keys.sorted() where !name.hasPrefix("org.freedesktop.DBus.") {
            let filePath = path(ofInterfaceNamed: name, in: directory)
            guard let file = readFile(filePath) else {
                mismatches.append(Mismatch(interface: name, path: filePath, problem: "file is missing"))
                continue
            }
            guard let expected = IntrospectionXML.interfaceElements(in: file)[name] else {
                mismatches.append(Mismatch(interface: name, path: filePath, problem: "the file does not declare \(name)"))
                continue
            }
            if let actual = live[name], actual != expected {
                mismatches.append(Mismatch(
                    interface: name, path: filePath,
                    problem: "live introspection differs from the file: " + firstDifference(expected: expected, actual: actual)))
            }
        }
        return mismatches
    }

    private static func path(of interface: DBusInterfaceInfo, in directory: String) -> String {
        path(ofInterfaceNamed: interface.name, in: directory)
    }

    private static func path(ofInterfaceNamed name: String, in directory: String) -> String {
        directory.hasSuffix("/") ? directory + name + ".xml" : directory + "/" + name + ".xml"
    }

    static func firstDifference(expected: String, actual: String) -> String {
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(expectedLines.count, actualLines.count) {
            let wanted = index < expectedLines.count ? String(expectedLines[index]) : "(end of file)"
            let found = index < actualLines.count ? String(actualLines[index]) : "(end of file)"
            if wanted != found {
                return "line \(index + 1) differs: expected \(wanted.trimmingLeadingSpaces), found \(found.trimmingLeadingSpaces)"
            }
        }
        return "contents differ"
    }

    /// The whole file as UTF-8 text, or `nil` when it cannot be read.
    static func readFile(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

private extension String {
    var trimmingLeadingSpaces: String { String(drop { $0 == " " }) }
}

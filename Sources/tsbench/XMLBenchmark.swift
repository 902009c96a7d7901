import DBusKit
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import TaskSequenceXML

/// `tsbench xml`: importing every corpus file (read and map to the model, in process) against
/// libxml2 parsing the same files alone (`xmllint --noout`, one invocation for all of them), in
/// the same run. Goal: importing costs at most 3× the floor.
///
/// The corpus is `Tests/Fixtures/realworld` under the current directory (`make bench` runs from
/// the repository root) or the directory named by `TSPROVIDER_XML_CORPUS`.
func runXMLBenchmark() throws {
    let corpus = try XMLBenchmarkCorpus.locate()
    let inputs = try corpus.files.map { try Data(contentsOf: $0) }
    let bytes = inputs.reduce(0) { $0 + $1.count }
    let reader = TaskSequenceReader()
    let repetitions = 15

    // Warm up (page cache, lazy initialisation), and check every file imports at all.
    var packages = 0
    for data in inputs { packages += try reader.documents(from: data).count }
    let xmllint = try XMLBenchmarkCorpus.executable(named: "xmllint")
    let paths = corpus.files.map(\.path)
    try runQuietly(xmllint, ["--noout"] + paths)

    let importTimes = try (0..<repetitions).map { _ in
        try measure { for data in inputs { _ = try reader.documents(from: data) } }
    }
    let floorTimes = try (0..<repetitions).map { _ in
        try measure { try runQuietly(xmllint, ["--noout"] + paths) }
    }
    let importTime = median(importTimes), floorTime = median(floorTimes)
    let ratio = importTime / floorTime
    print("xml: \(inputs.count) files, \(bytes / 1024) KiB, \(packages) sequences; median of \(repetitions) runs")
    print(String(
        format: "xml: import corpus %.1f ms, floor (xmllint --noout) %.1f ms, ratio %.2fx (goal <= 3x)%@",
        importTime * 1000, floorTime * 1000, ratio, ratio <= 3 ? "" : "  ** over goal **"
    ))
}

/// The files the XML benchmark reads.
private struct XMLBenchmarkCorpus {
    var files: [URL]

    static func locate() throws -> XMLBenchmarkCorpus {
        let directory = ProcessInfo.processInfo.environment["TSPROVIDER_XML_CORPUS"]
            ?? FileManager.default.currentDirectoryPath + "/Tests/Fixtures/realworld"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let files = names.filter { $0.lowercased().hasSuffix(".xml") || $0.lowercased().hasSuffix(".zip") }.sorted()
            .map { URL(fileURLWithPath: directory).appendingPathComponent($0) }
        guard !files.isEmpty else {
            throw XMLBenchmarkError("no corpus in \(directory); run from the repository root or set TSPROVIDER_XML_CORPUS")
        }
        return XMLBenchmarkCorpus(files: files)
    }

    /// `name` found on PATH.
    static func executable(named name: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw XMLBenchmarkError("\(name) is not installed (apt-get install libxml2-utils)")
    }
}

private struct XMLBenchmarkError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Seconds `body` took.
private func measure(_ body: () throws -> Void) rethrows -> Double {
    let clock = ContinuousClock()
    let elapsed = try clock.measure(body)
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

private func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
}

/// Runs a program with its output discarded and waits for it. Fails unless it exits with 0.
func runQuietly(_ executable: String, _ arguments: [String]) throws {
    let termination = try ChildProcess.spawn(executable, arguments: arguments).wait()
    guard termination == .exited(0) else {
        throw XMLBenchmarkError("\(executable) failed: \(termination.map(String.init(describing:)) ?? "no status")")
    }
}

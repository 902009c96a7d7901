// tsbench: the benchmarks behind `make bench`. Each area prints its figures beside its goal,
// as ratios against a floor measured in the same run (absolute times swing 3-4x on shared machines).
#if canImport(Glibc)
import Glibc
#endif

let areas: [String: () throws -> Void] = [
    "dbus": runDBusBenchmark,
    "xml": runXMLBenchmark,
    "edit": runEditBenchmark,
    "query": runQueryBenchmark,
    "provider": runProviderBenchmark,
    "memory": runMemoryBenchmark,
    "targets": runTargetBenchmark,
    "engines": runEnginesBenchmark,
    "reads": runReadsBenchmark,
    "import": runImportBenchmark,
]

let requested = Array(CommandLine.arguments.dropFirst())
let names = requested.isEmpty ? areas.keys.sorted() : requested
for name in names {
    guard let run = areas[name] else {
        print("tsbench: unknown area '\(name)'; known: \(areas.keys.sorted().joined(separator: ", "))")
        exit(2)
    }
    do {
        try run()
    } catch {
        print("tsbench \(name): failed: \(error)")
        exit(1)
    }
}

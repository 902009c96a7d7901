import Foundation
import GRDB
import ProviderCore
import ProviderStore

/// Importing one computer into a site of 10,000 with five query-rule collections (each import
/// evaluates them again, in the store), within 3x the floor: the same insert, the five queries'
/// SQL written by hand and the delete, run straight on the store in one transaction. Interleaved
/// in one run, so both sides see the same machine load.
func runTargetBenchmark() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tsbench-targets-\(getpid())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("store.sqlite").path
    let store = try ProviderStore(path: path)
    let service = ProviderService(store: store, configuration: ProviderConfiguration(), policy: SuperuserOnlyPolicy(superuserIDs: [0]))

    let count = 10_000
    try store.write { db in
        for number in 0..<count {
            var row = ComputerRow(name: String(format: "PC-%05d", number), macAddresses: [mac(number)], creationDate: 0)
            try row.insert(db)
        }
    }
    let prefixes = ["PC-0", "PC-1", "PC-2", "PC-3", "PC-4"]
    for prefix in prefixes {
        let collection = try service.createCollection(name: "Starts with \(prefix)", for: .system)
        _ = try service.addQueryRule("SELECT * FROM SMS_R_System WHERE Name LIKE '\(prefix)%'", to: collection, for: .system)
    }

    func viaProvider(_ round: Int) throws {
        let id = try service.importComputer(ComputerEntry(name: "PC-1NEW\(round % 100)", macAddresses: [mac(count + round)]), for: .system)
        try service.deleteComputer(id, for: .system)
    }
    let direct = try DatabaseQueue(path: path)
    func straight(_ round: Int) throws {
        try direct.write { db in
            try db.execute(sql: "INSERT INTO computer (name, macAddresses) VALUES (?, ?)", arguments: ["PC-1NEW\(round % 100)", "[\"\(mac(count + round))\"]"])
            let id = db.lastInsertedRowID
            for prefix in prefixes {
                _ = try Int64.fetchAll(db, sql: "SELECT resourceID FROM computer WHERE name LIKE ? ESCAPE '\\' ORDER BY resourceID", arguments: [prefix + "%"])
            }
            try db.execute(sql: "DELETE FROM computer WHERE resourceID = ?", arguments: [id])
        }
    }

    var provider: [Double] = [], floor: [Double] = []
    for round in 0..<(3 + 60) {
        let first = try microseconds { try viaProvider(round) }
        let second = try microseconds { try straight(round) }
        if round >= 3 {
            provider.append(first)
            floor.append(second)
        }
    }
    let providerMedian = median(provider), floorMedian = median(floor)
    print(String(format: "targets: import + delete of a computer among 10,000 with 5 query collections %.2f ms, floor (insert, the 5 queries, delete in SQL) %.2f ms, ratio %.2fx (goal <= 3x)",
                 providerMedian / 1_000, floorMedian / 1_000, providerMedian / floorMedian))
}

private func mac(_ number: Int) -> String {
    String(format: "02:00:00:%02X:%02X:%02X", (number >> 16) & 0xFF, (number >> 8) & 0xFF, number & 0xFF)
}

private func microseconds(_ body: () throws -> Void) throws -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000
}

private func median(_ samples: [Double]) -> Double {
    let sorted = samples.sorted()
    return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
}

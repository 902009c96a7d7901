import Foundation
import GRDB
import ProviderCore
import ProviderStore
import TaskSequenceModel

/// ExecQuery over 10,000 packages within 3x the same SQL run straight on the store (docs/performance.md
/// budget): a LIKE filter on Name through the provider — parse, translate, rights, rows — against
/// the equivalent statement on a plain SQLite connection to the same file, interleaved in one run.
/// Also shows that a caller with Read on a few packages pays for those few.
func runQueryBenchmark() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tsbench-query-\(getpid())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("store.sqlite").path
    let store = try ProviderStore(path: path)
    let service = ProviderService(store: store, configuration: ProviderConfiguration(), policy: PermissionPolicy(superusers: Superusers()))

    let count = 10_000
    var ids: [String] = []
    try store.write { db in
        for number in 1...count {
            var properties = PackageProperties()
            properties.packageID = "BEN" + String(format: "%05X", number)
            properties.name = "Deploy workstation \(number)"
            properties.description = "Benchmark package \(number)"
            properties.sourceVersion = 1
            properties.sourceSite = "BEN"
            try PackageRow(properties: properties).insert(db)
            ids.append(properties.packageID)
        }
    }

    let wql = "SELECT PackageID, Name FROM SMS_TaskSequencePackage WHERE Name LIKE '%42%'"
    // What ExecQuery runs, written by hand: LIKE folds ASCII case as WQL does.
    let floorSQL = "SELECT packageID, name FROM package WHERE name LIKE ? ESCAPE '\\' ORDER BY packageID"
    let direct = try DatabaseQueue(path: path)

    func viaProvider() throws -> Int {
        try service.execQuery(wql, for: .system).count
    }
    func straight() throws -> Int {
        try direct.read { db in
            let cursor = try Row.fetchCursor(db.makeStatement(sql: floorSQL), arguments: ["%42%"])
            var rows = 0
            while let row = try cursor.next() {
                let packageID: String = row[0], name: String = row[1]
                if !packageID.isEmpty || !name.isEmpty { rows += 1 }
            }
            return rows
        }
    }
    let expected = try straight()
    guard try viaProvider() == expected, expected > 0 else {
        print("query: ExecQuery and the straight SQL disagree (\(try viaProvider()) vs \(expected) rows)")
        return
    }

    // Interleaved, so both sides see the same machine load.
    var provider: [Double] = [], floor: [Double] = []
    for round in 0..<(3 + 200) {
        let first = try microseconds { _ = try viaProvider() }
        let second = try microseconds { _ = try straight() }
        if round >= 3 {
            provider.append(first)
            floor.append(second)
        }
    }
    let providerMedian = median(provider), floorMedian = median(floor)
    print(String(format: "query: ExecQuery 10,000 packages LIKE %.2f ms, floor (same SQL on the store) %.2f ms, ratio %.2fx (goal <= 3x)",
                 providerMedian / 1_000, floorMedian / 1_000, providerMedian / floorMedian))

    // Read on ten packages through instance entries: the rights filter is SQL, so the other
    // 9,990 cost nothing.
    try store.write { db in
        for id in ids.suffix(10) {
            try PermissionRow(principal: "reader", objectKey: SecuredClass.taskSequencePackage.objectKey, instanceKey: id, rights: Rights.read.rawValue).save(db)
        }
    }
    let few = service
    let reader = Caller(uid: 1000, userName: "reader", groupNames: ["users"])
    let all = "SELECT PackageID, Name FROM SMS_TaskSequencePackage"
    guard try few.execQuery(all, for: reader).count == 10 else {
        print("query: the rights filter let through other than the 10 readable packages")
        return
    }
    let fewTime = try medianMicroseconds(rounds: 200) { _ in _ = try few.execQuery(all, for: reader) }
    let allTime = try medianMicroseconds(rounds: 20) { _ in _ = try service.execQuery(all, for: .system) }
    print(String(format: "query: ExecQuery with Read on 10 of 10,000 packages %.2f ms (a superuser's 10,000 rows %.2f ms)",
                 fewTime / 1_000, allTime / 1_000))
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

import TaskSequenceModel
@testable import ProviderStore

extension ProviderStore {
    /// One transaction adding package number `number` (`PS1` and five hex digits) with `steps`
    /// command-line steps of about `commandBytes` bytes each: write volume for tests of the log.
    func addGeneratedPackage(_ number: Int, steps: Int, commandBytes: Int = 300) throws {
        let id = String(format: "PS1%05X", number)
        try write { db in
            var properties = PackageProperties()
            properties.packageID = id
            properties.name = "Package \(number)"
            try PackageRow(properties: properties).insert(db)
            guard steps > 0 else { return }
            let sequence = TaskSequence(schemaVersion: "3.10", steps: (0..<steps).map {
                Samples.runCommand("Step \($0) of \(number)", "cmd.exe /c echo \(String(repeating: "y", count: commandBytes))")
            })
            try SequenceTree.replace(packageID: id, with: sequence, in: db)
        }
    }
}

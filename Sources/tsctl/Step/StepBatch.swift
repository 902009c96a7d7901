import ArgumentParser
import TaskSequenceSDK

/// Applies one change to several steps, reporting each failure on its own line.
struct StepBatch {
    var packageID: String
    var stepIDs: [Int64]

    func apply(_ client: ProviderClient, _ change: (StepHandle) throws -> Void) throws {
        try EachTarget.apply(to: stepIDs, subject: { "step \($0) of \(packageID)" }) { try change(client.package(packageID).step($0)) }
    }
}

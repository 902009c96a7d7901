import ArgumentParser
import TaskSequenceSDK

/// Applies one change to several steps, reporting each failure on its own line.
struct StepBatch {
    var packageID: String
    var stepIDs: [Int64]

    func apply(_ client: ProviderClient, _ change: (StepHandle) throws -> Void) throws {
        var failed = false
        for id in stepIDs {
            do {
                try change(client.package(packageID).step(id))
            } catch let error as ProviderError {
                StandardError.write(Diagnostics.line(subject: "step \(id) of \(packageID)", error: error))
                failed = true
            }
        }
        if failed { throw ExitCode(ExitStatus.failure) }
    }
}

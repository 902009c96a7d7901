import ArgumentParser
import TaskSequenceSDK

/// Applies one change to every object a command names, as `rm` does with its files: a failure
/// is reported on its own line, naming the object, and the others are still tried.
enum EachTarget {
    /// Calls `change` with each of `targets`; returns those it succeeded for. When any failed,
    /// throws exit status 1 after all were tried (and after `finally` has seen the successes,
    /// for commands that print them).
    @discardableResult
    static func apply<Target>(
        to targets: [Target],
        subject: (Target) -> String,
        finally: ([Target]) throws -> Void = { _ in },
        _ change: (Target) throws -> Void
    ) throws -> [Target] {
        var done: [Target] = []
        var failed = false
        for target in targets {
            do {
                try change(target)
                done.append(target)
            } catch let error as ProviderError {
                StandardError.write(Diagnostics.line(subject: subject(target), error: error))
                failed = true
            }
        }
        try finally(done)
        if failed { throw ExitCode(ExitStatus.failure) }
        return done
    }
}

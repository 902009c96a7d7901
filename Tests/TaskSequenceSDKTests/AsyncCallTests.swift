import Dispatch
import Synchronization
import TaskSequenceSDK
import Testing
import TestSupport

/// The async form of every SDK call (``AsyncCallable/async(_:)``): blocking libdbus work runs
/// on the client's queue, so tasks on even a one-thread executor keep running.
@Suite(.serialized) struct AsyncCallTests {
    @Test func manyConcurrentCallsOnAOneThreadExecutorAllComplete() async throws {
        try await withProvider { client, _ in
            let package = try client.createPackage(named: "Async")
            let step = try package.sequence.addStep(.runCommandLine("cmd /c exit 0"), named: "Run")
            let executor = OneThreadExecutor()
            let gate = Gate()
            let results = try await withTaskExecutorPreference(executor) {
                try await withThrowingTaskGroup(of: String.self) { group in
                    // This call cannot return until a later task of the group has run on the
                    // executor's only thread: were the call blocking that thread, it never would.
                    group.addTask { try await client.async { _ in try gate.waitUntilOpen(); return "gate" } }
                    for index in 0..<100 {
                        group.addTask {
                            switch index % 3 {
                            case 0: try await package.async { try $0.info().name }
                            case 1: try await step.async { try $0.info().name }
                            default: try await client.async { try $0.packages().first?.name ?? "none" }
                            }
                        }
                    }
                    group.addTask { gate.open(); return "opener" }
                    var results: [String] = []
                    for try await result in group { results.append(result) }
                    return results
                }
            }
            #expect(results.count == 102)
            #expect(results.filter { $0 == "Async" }.count == 67)
            #expect(results.filter { $0 == "Run" }.count == 33)
            #expect(results.contains("gate") && results.contains("opener"))
        }
    }

    @Test func anEditMadeAsyncIsMade() async throws {
        try await withProvider { client, _ in
            let package = try client.createPackage(named: "Before")
            try await package.async { try $0.set(.name, to: "After") }
            #expect(try package.info().name == "After")
            // Errors come through as the blocking call throws them.
            do {
                _ = try await client.package("PS1FFFFF").async { try $0.info() }
                Issue.record("reading a package that does not exist succeeded")
            } catch let error as ProviderError {
                #expect(error.message == "no object at /org/tsprovider/Provider1/SMS_TaskSequencePackage/PS1FFFFF")
            }
        }
    }

    @Test func aCallCancelledBeforeItStartsIsNeverMade() async throws {
        try await withProvider { client, _ in
            let made = Mutex(false)
            let outcome = await Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return try await client.async { client in
                    made.withLock { $0 = true }
                    return try client.createPackage(named: "Never").id
                }
            }.result
            #expect(throws: CancellationError.self) { try outcome.get() }
            #expect(!made.withLock { $0 })
            let packages = try client.packages()
            #expect(packages.isEmpty)
        }
    }
}

/// A task executor with a single thread: the smallest pool async code can run on.
final class OneThreadExecutor: TaskExecutor {
    private let queue = DispatchQueue(label: "tsprovider.tests.one-thread")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}

/// A latch a blocking call waits on; the wait gives up after a minute so that a broken bridge
/// fails the test instead of hanging it.
final class Gate: Sendable {
    struct NeverOpened: Error {}
    private let opened = DispatchSemaphore(value: 0)

    func open() { opened.signal() }

    func waitUntilOpen() throws {
        guard opened.wait(timeout: .now() + 60) == .success else { throw NeverOpened() }
    }
}

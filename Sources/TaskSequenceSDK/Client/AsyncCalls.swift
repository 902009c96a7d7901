import Dispatch
import Synchronization

/// Anything whose blocking SDK calls can be made from async code: the client and every handle.
///
/// One generic bridge gives every call of the SDK an async form without a wrapper per method:
///
/// ```swift
/// let packages = try await client.async { try $0.packages() }
/// let tree = try await package.async { try $0.sequence.stepTree() }
/// try await step.async { try $0.set(.name, to: "Format disk") }
/// ```
///
/// The blocking call runs on the client's own dispatch queue, never on a thread of Swift's
/// cooperative pool, and the task is resumed when it returns: many concurrent calls from a
/// task group do not starve other tasks. Cancelling the task before the call has started
/// abandons it (it is never sent) with `CancellationError`; a call already sent is waited for,
/// since it may have taken effect.
public protocol AsyncCallable: Sendable {
    /// The client calls go through.
    var client: ProviderClient { get }
}

extension AsyncCallable {
    /// Runs `body` with this value on the client's call queue and returns its result.
    ///
    /// - Throws: what `body` throws (`ProviderError`), or `CancellationError` when the task
    ///   was cancelled before the call started.
    public func async<Result: Sendable>(_ body: @escaping @Sendable (Self) throws -> Result) async throws -> Result {
        let subject = self
        return try await client.callQueue.perform { try body(subject) }
    }
}

extension ProviderClient: AsyncCallable {
    /// The client itself.
    public var client: ProviderClient { self }
}

extension PackageHandle: AsyncCallable {}
extension StepHandle: AsyncCallable {}
extension SequenceHandle: AsyncCallable {}
extension CollectionHandle: AsyncCallable {}
extension ComputerHandle: AsyncCallable {}

extension ConditionHandle: AsyncCallable {}

extension OperandHandle: AsyncCallable {
    /// The client calls go through.
    public var client: ProviderClient { step.client }
}

/// Where a client's blocking calls run for async callers: a concurrent dispatch queue of its
/// own, so libdbus waits never occupy the cooperative pool.
final class AsyncCallQueue: Sendable {
    private let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: label, qos: .userInitiated, attributes: .concurrent)
    }

    /// Runs `body` on the queue and resumes the caller with its outcome.
    func perform<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
        try Task.checkCancellation()
        let call = AbandonableCall<Value>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Value, any Error>) in
                guard call.install(continuation) else { return }
                queue.async {
                    guard call.start() else { return }
                    call.finish(Result { try body() })
                }
            }
        } onCancel: {
            call.cancel()
        }
    }
}

/// One async call's state: cancelling it before it starts resumes the caller at once and the
/// call is never made; once started it runs to its end.
private final class AbandonableCall<Value: Sendable>: Sendable {
    private enum State {
        case created
        case waiting(CheckedContinuation<Value, any Error>)
        case running(CheckedContinuation<Value, any Error>)
        case cancelled
        case done
    }

    private let state = Mutex<State>(.created)

    /// Keeps the continuation; `false` (having resumed it) when the call was cancelled already.
    func install(_ continuation: CheckedContinuation<Value, any Error>) -> Bool {
        let cancelled = state.withLock { state -> Bool in
            if case .cancelled = state { return true }
            state = .waiting(continuation)
            return false
        }
        if cancelled { continuation.resume(throwing: CancellationError()) }
        return !cancelled
    }

    /// Whether the call may start (it was not abandoned).
    func start() -> Bool {
        state.withLock { state in
            guard case .waiting(let continuation) = state else { return false }
            state = .running(continuation)
            return true
        }
    }

    func finish(_ outcome: Result<Value, any Error>) {
        let continuation = state.withLock { state -> CheckedContinuation<Value, any Error>? in
            guard case .running(let continuation) = state else { return nil }
            state = .done
            return continuation
        }
        continuation?.resume(with: outcome)
    }

    func cancel() {
        let continuation = state.withLock { state -> CheckedContinuation<Value, any Error>? in
            switch state {
            case .created:
                state = .cancelled
                return nil
            case .waiting(let continuation):
                state = .cancelled
                return continuation
            case .running, .cancelled, .done:
                return nil
            }
        }
        continuation?.resume(throwing: CancellationError())
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// A value behind a pthread mutex.
///
/// Used instead of `Synchronization.Mutex`, whose Linux implementation is made of raw futex
/// calls that ThreadSanitizer cannot see (every access under it is reported as a race);
/// pthread mutexes keep TSan runs of DBusKit and its users meaningful.
final class Locked<Value>: @unchecked Sendable {
    // The mutex guards the value, and both live at stable addresses, as pthread requires. The
    // value is not a stored property: the mutex already makes each access exclusive, and a
    // stored `var` would add the runtime's own exclusivity check to every call that locks.
    private let value: UnsafeMutablePointer<Value>
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    init(_ value: Value) {
        self.value = UnsafeMutablePointer<Value>.allocate(capacity: 1)
        self.value.initialize(to: value)
        mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
        value.deinitialize(count: 1)
        value.deallocate()
    }

    /// Runs `body` with exclusive access to the value.
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value.pointee)
    }
}

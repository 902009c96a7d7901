#if canImport(Glibc)
import Glibc
#endif

/// A Unix file descriptor carried in a message (`h`), owned by this object and closed when the
/// last reference goes away.
///
/// Sending duplicates the descriptor (libdbus dups it into the message), and every descriptor
/// read from a message is a fresh duplicate, so values never share ownership with the caller's
/// own descriptors.
public final class UnixFileDescriptor: Hashable, Sendable, CustomStringConvertible {
    /// The descriptor number; valid while this object lives.
    public let rawValue: Int32

    /// Takes ownership of `descriptor`: it is closed when this object goes away.
    public init(takingOwnershipOf descriptor: Int32) {
        rawValue = descriptor
    }

    /// Duplicates `descriptor`, leaving the caller's copy untouched.
    ///
    /// - Throws: ``DBusError/failed(_:)`` when `dup` fails (e.g. a closed descriptor).
    public convenience init(duplicating descriptor: Int32) throws {
        let copy = fcntl(descriptor, F_DUPFD_CLOEXEC, 0)
        guard copy >= 0 else {
            throw DBusError.failed("cannot duplicate file descriptor \(descriptor): errno \(errno)")
        }
        self.init(takingOwnershipOf: copy)
    }

    deinit {
        close(rawValue)
    }

    /// A duplicate the caller owns and must close.
    ///
    /// - Throws: ``DBusError/failed(_:)`` when `dup` fails.
    public func duplicate() throws -> Int32 {
        let copy = fcntl(rawValue, F_DUPFD_CLOEXEC, 0)
        guard copy >= 0 else {
            throw DBusError.failed("cannot duplicate file descriptor \(rawValue): errno \(errno)")
        }
        return copy
    }

    /// `fd N`.
    public var description: String { "fd \(rawValue)" }

    /// Descriptor objects are equal when they are the same object.
    public static func == (lhs: UnixFileDescriptor, rhs: UnixFileDescriptor) -> Bool { lhs === rhs }

    /// Hashes the object identity.
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}

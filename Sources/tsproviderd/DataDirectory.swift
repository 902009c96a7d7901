import Foundation
import Glibc
import Logging

/// The daemon's data directory and the files it keeps there, private to the daemon's user.
///
/// The store holds passwords in clear, so the directory is 0700 and every file in it 0600
/// whatever the umask the daemon was started with; modes an older version (or a person) left
/// looser are tightened at start, each with a log line. The directory is locked (`flock` on
/// `tsproviderd.pid`, which holds the owner's pid) before any other file is touched, so a second
/// daemon on the same directory stops at once instead of sharing the store and overwriting
/// `bus.address`.
struct DataDirectory {
    let path: String

    /// The SQLite store; SQLite adds `-wal` and `-shm` beside it.
    var storePath: String { path + "/store.sqlite" }
    /// The lock, holding the pid of the daemon that owns the directory.
    var lockPath: String { path + "/tsproviderd.pid" }
    /// The private bus's address (`--private-bus`).
    var busAddressPath: String { path + "/bus.address" }

    /// Every file the daemon keeps here, for tightening.
    var files: [String] { [storePath, storePath + "-wal", storePath + "-shm", lockPath, busAddressPath] }

    static let directoryMode: mode_t = 0o700
    static let fileMode: mode_t = 0o600

    /// Creates the directory (0700, with any missing parents) or tightens an existing one.
    func prepare(logger: Logger) throws(DataDirectoryError) {
        var status = stat()
        if stat(path, &status) == 0 {
            guard status.st_mode & S_IFMT == S_IFDIR else { throw DataDirectoryError.notADirectory(path: path) }
        } else {
            do {
                try FileManager.default.createDirectory(
                    atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: Self.directoryMode])
            } catch {
                throw DataDirectoryError.cannotCreate(path: path, reason: Self.reason(error))
            }
        }
        try enforceMode(path, Self.directoryMode, logger: logger)
    }

    /// Takes the directory's lock for the life of the process (its descriptor is never closed).
    ///
    /// - Throws: ``DataDirectoryError/inUse(path:pid:lockPath:)`` when another daemon holds it.
    func lock() throws(DataDirectoryError) -> DataDirectoryLock {
        try DataDirectoryLock(path: lockPath, directory: path)
    }

    /// Tightens every store file that exists (the store itself after SQLite created its
    /// `-wal` and `-shm`).
    func tightenFiles(logger: Logger) throws(DataDirectoryError) {
        for file in files where access(file, F_OK) == 0 {
            try enforceMode(file, Self.fileMode, logger: logger)
        }
    }

    /// Creates the store file 0600 if it does not exist, so SQLite (which gives `-wal` and `-shm`
    /// the store's mode) never creates it with the umask's.
    func createStoreFile() throws(DataDirectoryError) {
        let descriptor = open(storePath, O_RDWR | O_CREAT | O_CLOEXEC, Self.fileMode)
        guard descriptor >= 0 else { throw DataDirectoryError.cannotCreate(path: storePath, reason: String(cString: strerror(errno))) }
        close(descriptor)
        try enforceMode(storePath, Self.fileMode, logger: nil)
    }

    /// Writes `text` to `bus.address`, 0600.
    func writeBusAddress(_ text: String) throws(DataDirectoryError) {
        let temporary = busAddressPath + ".new"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, Self.fileMode)
        guard descriptor >= 0 else { throw DataDirectoryError.cannotCreate(path: temporary, reason: String(cString: strerror(errno))) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let failure = written == bytes.count ? nil : String(cString: strerror(errno))
        close(descriptor)
        guard failure == nil, rename(temporary, busAddressPath) == 0 else {
            unlink(temporary)
            throw DataDirectoryError.cannotCreate(path: busAddressPath, reason: failure ?? String(cString: strerror(errno)))
        }
        try enforceMode(busAddressPath, Self.fileMode, logger: nil)
    }

    /// Sets `mode` on `file` when it differs, logging the change when `logger` is given (an
    /// existing file found looser than it should be).
    private func enforceMode(_ file: String, _ mode: mode_t, logger: Logger?) throws(DataDirectoryError) {
        var status = stat()
        guard stat(file, &status) == 0 else { throw DataDirectoryError.cannotTighten(path: file, reason: String(cString: strerror(errno))) }
        let current = status.st_mode & 0o7777
        guard current != mode else { return }
        guard chmod(file, mode) == 0 else { throw DataDirectoryError.cannotTighten(path: file, reason: String(cString: strerror(errno))) }
        logger?.notice("tightened the mode of \(file) from \(Self.octal(current)) to \(Self.octal(mode))")
    }

    static func octal(_ mode: mode_t) -> String {
        let digits = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    private static func reason(_ error: Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }
}

/// The data directory's lock, held until the process ends (the kernel drops it then, however
/// the process ends, so a crash never leaves a stale lock).
struct DataDirectoryLock {
    let descriptor: Int32

    init(path: String, directory: String) throws(DataDirectoryError) {
        // Close-on-exec: the private bus's dbus-daemon must not inherit (and keep) the lock.
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, DataDirectory.fileMode)
        guard descriptor >= 0 else { throw DataDirectoryError.cannotCreate(path: path, reason: String(cString: strerror(errno))) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let busy = errno == EWOULDBLOCK
            let reason = String(cString: strerror(errno))
            let holder = busy ? Self.pid(in: descriptor) : nil
            close(descriptor)
            if busy { throw DataDirectoryError.inUse(path: directory, pid: holder, lockPath: path) }
            throw DataDirectoryError.cannotCreate(path: path, reason: reason)
        }
        let text = Array("\(getpid())\n".utf8)
        let written = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        guard ftruncate(descriptor, off_t(max(written, 0))) == 0, written == text.count else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw DataDirectoryError.cannotCreate(path: path, reason: reason)
        }
        self.descriptor = descriptor
    }

    /// The pid the holder wrote, if it has written it yet.
    private static func pid(in descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return Int32(String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

/// Why the data directory cannot be used.
enum DataDirectoryError: Error, CustomStringConvertible {
    case cannotCreate(path: String, reason: String)
    case notADirectory(path: String)
    case cannotTighten(path: String, reason: String)
    /// Another daemon holds the lock.
    case inUse(path: String, pid: Int32?, lockPath: String)

    var description: String {
        switch self {
        case .cannotCreate(let path, let reason): "cannot create \(path): \(reason)"
        case .notADirectory(let path): "the data directory \(path) is not a directory"
        case .cannotTighten(let path, let reason): "cannot make \(path) private to the daemon's user: \(reason)"
        case .inUse(let path, let pid, let lockPath):
            "the data directory \(path) is in use by another tsproviderd (\(pid.map { "pid \($0)" } ?? "pid not yet written")); it holds \(lockPath)"
        }
    }
}

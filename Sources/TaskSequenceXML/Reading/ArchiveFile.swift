import Foundation
internal import ZIPFoundation
#if canImport(Glibc)
import Glibc
#endif

/// Opens a zip archive held in memory through a file: ZIPFoundation's in-memory archive traps
/// (a negative range) when an entry's offset points past the end of the data, which `make fuzz`
/// found with a damaged export; reading a file, the same seek gives a short read and a thrown
/// error. The file is made in `/dev/shm` (memory, not disk, as the payload may hold secrets;
/// the temporary directory when there is no `/dev/shm`), mode 0600, and unlinked as soon as
/// the archive has it open.
enum ArchiveFile {
    static func open(_ data: Data) throws(XMLCodecError) -> Archive {
        let directory = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : NSTemporaryDirectory()
        var template = Array((directory + "/tsprovider-zip-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard descriptor >= 0 else {
            throw .invalidArchive("the zip archive cannot be read: no temporary file in \(directory) (errno \(errno))")
        }
        let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer {
            unlink(path)
            close(descriptor)
        }
        let written = data.withUnsafeBytes { bytes -> Bool in
            var offset = 0
            while offset < bytes.count {
                let count = write(descriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { return false }
                offset += count
            }
            return true
        }
        guard written else { throw .invalidArchive("the zip archive cannot be read: writing its temporary copy failed (errno \(errno))") }
        do {
            return try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw .invalidArchive("the zip archive cannot be read (\(error)); expected a ConfigMgr export")
        }
    }
}

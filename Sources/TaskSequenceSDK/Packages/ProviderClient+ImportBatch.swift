import DBusKit
import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension ProviderClient {
    /// The payload one `ImportBatch` call carries at most; larger batches take several calls.
    static let importBatchCallBytes = 16 << 20

    /// Imports many task sequence files — each any text form ``importPackage(xml:options:)``
    /// takes — with few calls (`ImportBatch`), and returns one result per file in the order
    /// given: the new package's ID and its warnings, or the error that file failed with.
    ///
    /// Each file is all or nothing, and a bad file does not stop the others. Files are sent in
    /// calls of at most 16 MiB together; a file larger than a message should carry is imported
    /// alone through a pipe (`ImportFd`), its result in its place.
    ///
    /// - Throws: `ProviderError.accessDenied(_:)` when you lack Create on
    ///   SMS_TaskSequencePackage (nothing is imported), or the error of a call that failed as a
    ///   whole (the service went away, say); files of earlier calls stay imported then.
    public func importPackages(_ files: [ImportBatchFile]) throws -> [ImportBatchResult] {
        var results: [ImportBatchResult?] = Array(repeating: nil, count: files.count)
        var pending: [Int] = []
        var pendingBytes = 0
        func flush() throws {
            guard !pending.isEmpty else { return }
            let answered = try importBatchCall(pending.map { files[$0] })
            for (index, result) in zip(pending, answered) { results[index] = result }
            pending = []
            pendingBytes = 0
        }
        for (index, file) in files.enumerated() {
            let size = file.text.utf8.count
            if size > Self.inlineImportLimit {
                results[index] = importAlone(file)
                continue
            }
            if pendingBytes + size > Self.importBatchCallBytes { try flush() }
            pending.append(index)
            pendingBytes += size
        }
        try flush()
        if files.isEmpty {
            // Even an empty batch asks the provider, so a caller without Create learns it.
            _ = try importBatchCall([])
        }
        return results.enumerated().map { index, result in
            result ?? .failed(files[index].label, .other(name: "org.freedesktop.DBus.Error.Failed", message: "the provider returned no result for this file"))
        }
    }

    /// Files on disk one `ImportBatchFd` call passes at most: the system bus lets a message
    /// carry 16 descriptors (`max_message_unix_fds`) and drops a client that sends more.
    public static let filesPerDescriptorBatch = 16

    /// Imports the task sequence files at `paths` — any form ``importPackage(contentsOf:options:)``
    /// takes, `.zip` exports included — with few calls, and returns one result per file in the
    /// order given. The provider reads each open file itself (`ImportBatchFd`): nothing is copied
    /// through the bus and no message size limits a file. Prefer this to
    /// ``importPackages(_:)`` for files on disk; that one is for texts you hold in memory.
    ///
    /// Each file is all or nothing, and a bad file does not stop the others; a file that cannot
    /// be opened is reported in its place (`ProviderError.file(path:reason:)`).
    ///
    /// - Throws: `ProviderError.accessDenied(_:)` when you lack Create on
    ///   SMS_TaskSequencePackage (nothing is imported), or the error of a call that failed as a
    ///   whole; files of earlier calls stay imported then.
    public func importPackages(atPaths files: [ImportBatchPath]) throws -> [ImportBatchResult] {
        var results: [ImportBatchResult] = []
        results.reserveCapacity(files.count)
        var start = 0
        repeat {
            let call = files[start..<min(start + Self.filesPerDescriptorBatch, files.count)]
            var opened: [(index: Int, descriptor: UnixFileDescriptor)] = []
            var callResults: [Int: ImportBatchResult] = [:]
            for (index, file) in zip(call.indices, call) {
                let descriptor = open(file.path, O_RDONLY | O_CLOEXEC)
                if descriptor < 0 {
                    callResults[index] = .failed(file.label, .file(path: file.path, reason: "cannot open the file: \(String(cString: strerror(errno)))"))
                } else {
                    opened.append((index, UnixFileDescriptor(takingOwnershipOf: descriptor)))
                }
            }
            // Even an empty batch asks the provider, so a caller without Create learns it.
            if !opened.isEmpty || files.isEmpty {
                let answered = try importBatchFdCall(opened.map { (files[$0.index], $0.descriptor) })
                for (entry, result) in zip(opened, answered) { callResults[entry.index] = result }
            }
            results += call.indices.map { callResults[$0] ?? .failed(files[$0].label, .other(name: "org.freedesktop.DBus.Error.Failed", message: "the provider returned no result for this file")) }
            start += Self.filesPerDescriptorBatch
        } while start < files.count
        return results
    }

    private func importBatchFdCall(_ files: [(file: ImportBatchPath, descriptor: UnixFileDescriptor)]) throws -> [ImportBatchResult] {
        let fileType = DBusType.structure([.string, .unixFD, .dictionary(key: .string, value: .variant)])
        return try importBatchCall("ImportBatchFd", files: files.count, DBusValue.array(fileType, files.map {
            .structure([.string($0.file.label), .unixFD($0.descriptor), ImportOptions(name: $0.file.name, sourcePackageID: $0.file.sourcePackageID).dbusValue])
        }))
    }

    /// Calls `method` (`ImportBatch` or `ImportBatchFd`) with the array of `files` files and reads
    /// one result per file from its reply.
    private func importBatchCall(_ method: String, files: Int, _ argument: DBusValue) throws -> [ImportBatchResult] {
        let reply = try call(
            ProviderPaths.classObject(ClassName.taskSequencePackage), ProviderInterface.packageClass, method,
            [argument], timeout: options.transferTimeout)
        guard case .array(_, let entries)? = reply.first?.unwrappingVariant, entries.count == files else {
            throw ProviderError.other(name: "org.freedesktop.DBus.Error.Failed", message: "the provider answered \(method) with \(reply.first.map(String.init(describing:)) ?? "nothing") for \(files) files")
        }
        return try entries.map(Self.importBatchResult)
    }

    /// A file too large for a batch message, imported on its own.
    private func importAlone(_ file: ImportBatchFile) -> ImportBatchResult {
        do {
            let package = try importPackage(xml: file.text, options: ImportOptions(name: file.name, sourcePackageID: file.sourcePackageID))
            return .imported(file.label, packageID: package.id, warnings: try package.importWarnings())
        } catch {
            return .failed(file.label, ProviderError(converting: error))
        }
    }

    private func importBatchCall(_ files: [ImportBatchFile]) throws -> [ImportBatchResult] {
        let fileType = DBusType.structure([.string, .string, .dictionary(key: .string, value: .variant)])
        return try importBatchCall("ImportBatch", files: files.count, DBusValue.array(fileType, files.map {
            .structure([.string($0.label), .string($0.text), ImportOptions(name: $0.name, sourcePackageID: $0.sourcePackageID).dbusValue])
        }))
    }

    /// One `(label, package, error, message, warnings)` of the reply.
    private static func importBatchResult(_ entry: DBusValue) throws -> ImportBatchResult {
        guard case .structure(let fields) = entry.unwrappingVariant, fields.count == 5,
              case .string(let label) = fields[0], case .objectPath(let path) = fields[1],
              case .string(let errorName) = fields[2], case .string(let message) = fields[3] else {
            throw ProviderError.other(name: "org.freedesktop.DBus.Error.Failed", message: "the provider answered an ImportBatch result as \(entry), not (sossas)")
        }
        if !errorName.isEmpty {
            return .failed(label, ProviderError(DBusError(name: errorName, message: message)))
        }
        guard let packageID = ProviderPaths.packageID(of: path) else {
            throw ProviderError.other(name: "org.freedesktop.DBus.Error.Failed", message: "the provider answered \(path) where a package path was expected")
        }
        return .imported(label, packageID: packageID, warnings: strings(fields[4]))
    }
}

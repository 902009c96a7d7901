import DBusKit
import Foundation

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
        let argument = DBusValue.array(fileType, files.map {
            .structure([.string($0.label), .string($0.text), ImportOptions(name: $0.name, sourcePackageID: $0.sourcePackageID).dbusValue])
        })
        let reply = try call(
            ProviderPaths.classObject(ClassName.taskSequencePackage), ProviderInterface.packageClass, "ImportBatch",
            [argument], timeout: options.transferTimeout)
        guard case .array(_, let entries)? = reply.first?.unwrappingVariant, entries.count == files.count else {
            throw ProviderError.other(name: "org.freedesktop.DBus.Error.Failed", message: "the provider answered ImportBatch with \(reply.first.map(String.init(describing:)) ?? "nothing") for \(files.count) files")
        }
        return try entries.map(Self.importBatchResult)
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

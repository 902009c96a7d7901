import Foundation
import ProviderStore
import TaskSequenceXML

extension ProviderService {
    /// A batch is written in chunks of at most this many files …
    public static let importBatchChunkFiles = 32
    /// … or this many bytes of payload (a chunk holds at least one file, whatever its size).
    public static let importBatchChunkBytes = 8 << 20

    /// Imports many files in one call (`ImportBatch`), each as ``importPackage(text:name:sourcePackageID:for:)``
    /// would, and reports each file's result in the order given.
    ///
    /// Each file is all or nothing: one that does not read, breaks a rule an import refuses or
    /// fails to store leaves nothing behind and is reported with its error, and the others are
    /// still imported. Files are parsed outside the store's write lock and written in chunks
    /// (``importBatchChunkFiles`` files or ``importBatchChunkBytes`` bytes), one transaction per
    /// chunk and a savepoint per file, so the cost of a transaction is shared. A chunk whose
    /// transaction fails as a whole (the store is full or gone) reports that error for each of
    /// its files; chunks before it stay imported.
    ///
    /// - Throws: `accessDenied` when the caller lacks Create on SMS_TaskSequencePackage (checked
    ///   once per call, before anything is read); nothing is imported then.
    public func importPackages(_ files: [ImportBatchFile], for caller: Caller) throws -> [ImportBatchResult] {
        try read(caller) { db in try require(.create, on: .class(ClassName.taskSequencePackage), for: caller, in: db) }
        var results: [ImportBatchResult] = []
        results.reserveCapacity(files.count)
        var start = files.startIndex
        while start < files.endIndex {
            var end = start, bytes = 0
            while end < files.endIndex, end - start < Self.importBatchChunkFiles {
                let size = files[end].text.utf8.count
                if end > start, bytes + size > Self.importBatchChunkBytes { break }
                bytes += size
                end += 1
            }
            results += try importChunk(files[start..<end], bytes: bytes, for: caller)
            start = end
        }
        return results
    }

    /// ``importPackages(_:for:)`` for files the service reads itself (`ImportBatchFd`): each is
    /// read when its chunk is, so a call holds at most a chunk's payload (``importBatchChunkFiles``
    /// files, or files up to ``importBatchChunkBytes`` and the one that crossed it). A file that
    /// does not read — too large, an I/O error — is reported with its error like one that does
    /// not parse.
    public func importPackages(reading files: [ImportBatchSource], for caller: Caller) throws -> [ImportBatchResult] {
        try read(caller) { db in try require(.create, on: .class(ClassName.taskSequencePackage), for: caller, in: db) }
        var results: [ImportBatchResult] = []
        results.reserveCapacity(files.count)
        var start = files.startIndex
        while start < files.endIndex {
            var contents: [Result<Data, any Error>] = [], bytes = 0
            var end = start
            while end < files.endIndex, end - start < Self.importBatchChunkFiles, bytes < Self.importBatchChunkBytes {
                let data = Result { try files[end].read() }
                bytes += (try? data.get().count) ?? 0
                contents.append(data)
                end += 1
            }
            try importAdmission.reserve(bytes)
            defer { importAdmission.finished(bytes) }
            let chunk = zip(files[start..<end], contents).map { file, data in
                switch data {
                case .success(let data): parse(.bytes(data), label: file.label, name: file.name, sourcePackageID: file.sourcePackageID)
                case .failure(let error): ParsedBatchFile(label: file.label, error: Self.batchFileError(error))
                }
            }
            contents = []
            results += try importChunk(chunk, bytes: bytes, for: caller)
            start = end
        }
        return results
    }

    /// One chunk of a batch of texts: parsed first, then written in one transaction.
    private func importChunk(_ files: ArraySlice<ImportBatchFile>, bytes: Int, for caller: Caller) throws -> [ImportBatchResult] {
        try importAdmission.reserve(bytes)
        defer { importAdmission.finished(bytes) }
        return try importChunk(files.map { parse(.text($0.text), label: $0.label, name: $0.name, sourcePackageID: $0.sourcePackageID) },
                               bytes: bytes, for: caller)
    }

    /// One chunk of a batch, read and parsed: written in one transaction, a savepoint per file.
    private func importChunk(_ parsed: consuming [ParsedBatchFile], bytes: Int, for caller: Caller) throws -> [ImportBatchResult] {
        var parsed = parsed
        let labels = parsed.map(\.label)
        do {
            return try write(caller) { db, events in
                // Rights may have changed since the call began: checked again for the chunk.
                try require(.create, on: .class(ClassName.taskSequencePackage), for: caller, in: db)
                var results: [ImportBatchResult] = []
                for index in parsed.indices {
                    let label = parsed[index].label
                    guard let imported = parsed[index].document.take() else {
                        results.append(.failed(label, parsed[index].error ?? .storage("the file of \(label) was already stored")))
                        continue
                    }
                    let warnings = imported.warnings
                    let mark = events.count
                    do {
                        let packageID = try db.inSavepoint { try storeImported(imported, caller: caller, db: db, events: &events) }
                        results.append(.imported(label, packageID: packageID, warnings: warnings))
                    } catch {
                        // The savepoint undid the file's rows; its events go with them.
                        events.removeSubrange(mark...)
                        results.append(.failed(label, Self.batchFileError(error)))
                    }
                }
                return results
            }
        } catch let error as ProviderError {
            return labels.map { .failed($0, error) }
        }
    }

    /// A file's failure as the provider reports it.
    private static func batchFileError(_ error: any Error) -> ProviderError {
        switch error {
        case let error as ProviderError: error
        case let error as StoreError: ProviderError(error)
        case let error as XMLCodecError: ProviderError(error)
        default: .storage(String(describing: error))
        }
    }

    /// A batch file's payload: the text a message carried, or the bytes of a file read here.
    private enum BatchPayload {
        case text(String)
        case bytes(Data)
    }

    /// Reads one file of a batch; a file that does not read is kept as its error.
    private func parse(_ payload: consuming BatchPayload, label: String, name: String?, sourcePackageID: String?) -> ParsedBatchFile {
        // The reader refuses files over the configured maximum (LimitsExceeded).
        do {
            let document: TaskSequenceDocument, size: Int
            switch consume payload {
            case .text(let text):
                size = text.utf8.count
                document = try reader.document(fromFileText: text, packageID: sourcePackageID)
            case .bytes(let data):
                size = data.count
                document = try reader.document(from: data, packageID: sourcePackageID)
            }
            return ParsedBatchFile(label: label, document: ImportedDocument(document, size: size, name: name))
        } catch {
            return ParsedBatchFile(label: label, error: ProviderError(error))
        }
    }
}

/// A file of a batch after reading: its document, or why it has none.
private struct ParsedBatchFile {
    let label: String
    var document: ImportedDocument?
    var error: ProviderError?

    init(label: String, document: consuming ImportedDocument) {
        self.label = label
        self.document = document
        error = nil
    }

    init(label: String, error: ProviderError) {
        self.label = label
        document = nil
        self.error = error
    }
}

import Foundation
import ProviderStore
import TaskSequenceXML

extension ProviderService {
    /// A batch is written in chunks of at most this many files …
    public static let importBatchChunkFiles = 32
    /// … or the files up to this many bytes of payload and the one that reaches it.
    public static let importBatchChunkBytes = 8 << 20

    /// Imports many files in one call (`ImportBatch`), each as ``importPackage(text:name:sourcePackageID:for:)``
    /// would, and reports each file's result in the order given.
    ///
    /// Each file is all or nothing: one that does not read, breaks a rule an import refuses or
    /// fails to store leaves nothing behind and is reported with its error, and the others are
    /// still imported. Files are parsed outside the store's write lock and written in chunks
    /// (``importBatchChunkFiles`` files, or as many as reach ``importBatchChunkBytes`` bytes), one
    /// transaction per chunk and a savepoint per file, so the cost of a transaction is shared. A chunk whose
    /// transaction fails as a whole (the store is full or gone) reports that error for each of
    /// its files; chunks before it stay imported.
    ///
    /// - Throws: `accessDenied` when the caller lacks Create on SMS_TaskSequencePackage (checked
    ///   once per call, before anything is read); nothing is imported then.
    public func importPackages(_ files: [ImportBatchFile], for caller: Caller) throws -> [ImportBatchResult] {
        try importInChunks(files.count, for: caller, describing: { BatchFileOptions(files[$0]) }, contents: { .success(.text(files[$0].text)) })
    }

    /// ``importPackages(_:for:)`` for files the service reads itself (`ImportBatchFd`): each is
    /// read when its chunk is, so a call holds at most a chunk's payload. A file that does not
    /// read — too large, an I/O error — is reported with its error like one that does not parse.
    public func importPackages(reading files: [ImportBatchSource], for caller: Caller) throws -> [ImportBatchResult] {
        try importInChunks(files.count, for: caller, describing: { BatchFileOptions(files[$0]) }, contents: { index in
            Result { .bytes(try files[index].read()) }
        })
    }

    /// Imports `count` files a chunk at a time: ``importBatchChunkFiles`` files, or files up to
    /// ``importBatchChunkBytes`` and the one that crossed it. A chunk's contents are taken
    /// (`contents`, which may read a file) when the chunk is assembled, parsed outside the write
    /// lock, then written in one transaction.
    private func importInChunks(_ count: Int, for caller: Caller, describing describe: (Int) -> BatchFileOptions,
                                contents: (Int) -> Result<BatchPayload, any Error>) throws -> [ImportBatchResult] {
        try read(caller) { db in try require(.create, on: .class(ClassName.taskSequencePackage), for: caller, in: db) }
        var results: [ImportBatchResult] = []
        results.reserveCapacity(count)
        var start = 0
        while start < count {
            var payloads: [Result<BatchPayload, any Error>] = [], bytes = 0
            while start + payloads.count < count, payloads.count < Self.importBatchChunkFiles, bytes < Self.importBatchChunkBytes {
                let payload = contents(start + payloads.count)
                bytes += (try? payload.get().size) ?? 0
                payloads.append(payload)
            }
            try importAdmission.reserve(bytes)
            defer { importAdmission.finished(bytes) }
            let chunk = payloads.indices.map { offset in
                let file = describe(start + offset)
                switch payloads[offset] {
                case .success(let payload): return parse(payload, file)
                case .failure(let error): return ParsedBatchFile(label: file.label, error: Self.batchFileError(error))
                }
            }
            // The payloads go once parsed; the documents are what the write needs.
            payloads = []
            results += try importChunk(chunk, for: caller)
            start += chunk.count
        }
        return results
    }

    /// One chunk of a batch, read and parsed: written in one transaction, a savepoint per file.
    private func importChunk(_ parsed: consuming [ParsedBatchFile], for caller: Caller) throws -> [ImportBatchResult] {
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

        var size: Int {
            switch self {
            case .text(let text): text.utf8.count
            case .bytes(let data): data.count
            }
        }
    }

    /// What a batch file is called and which of its packages becomes which.
    private struct BatchFileOptions {
        var label: String
        var name: String?
        var sourcePackageID: String?

        init(_ file: ImportBatchFile) {
            (label, name, sourcePackageID) = (file.label, file.name, file.sourcePackageID)
        }

        init(_ source: ImportBatchSource) {
            (label, name, sourcePackageID) = (source.label, source.name, source.sourcePackageID)
        }
    }

    /// Parses one file of a batch; a file that does not parse is kept as its error.
    private func parse(_ payload: consuming BatchPayload, _ file: BatchFileOptions) -> ParsedBatchFile {
        // The reader refuses files over the configured maximum (LimitsExceeded).
        do {
            let size = payload.size, document: TaskSequenceDocument
            switch consume payload {
            case .text(let text): document = try reader.document(fromFileText: text, packageID: file.sourcePackageID)
            case .bytes(let data): document = try reader.document(from: data, packageID: file.sourcePackageID)
            }
            return ParsedBatchFile(label: file.label, document: ImportedDocument(document, size: size, name: file.name))
        } catch {
            return ParsedBatchFile(label: file.label, error: ProviderError(error))
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

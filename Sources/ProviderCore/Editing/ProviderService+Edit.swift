import ProviderStore
import TaskSequenceXML

extension ProviderService {
    /// Runs `edits` (calls of this service on package `packageID`: step and package property
    /// sets, settings, conditions, adding, moving and deleting steps) as one change: one
    /// transaction, one SourceVersion step and one revision; all or nothing.
    ///
    /// - Parameter expected: the SourceVersion the edits are based on; another one fails with
    ///   ``ProviderError/conflict(expected:actual:)`` before anything is written. `nil` skips
    ///   the check.
    /// - Returns: what `edits` returned and the package's SourceVersion afterwards (unchanged
    ///   when no edit changed anything).
    public func edit<T>(
        packageID: String, expecting expected: UInt32?, for caller: Caller, _ edits: () throws -> T
    ) throws -> (result: T, sourceVersion: UInt32) {
        guard EditBatch.current == nil else {
            throw ProviderError.invalidArgument(name: "operations", problem: "an edit batch cannot contain another batch")
        }
        return try write(caller) { db, events in
            try require(.modify, on: .package(packageID), for: caller, in: db)
            let version = try sourceVersion(of: packageID, in: db)
            if let expected, expected != version { throw ProviderError.conflict(expected: expected, actual: version) }
            let batch = EditBatch(packageID: packageID, db: db)
            let result = try EditBatch.$current.withValue(batch) { try edits() }
            events += batch.events
            guard !batch.changes.isEmpty else { return (result, version) }
            try EditBatch.$current.withValue(nil) {
                try sequenceChanged(packageID, change: batch.summary, affectsReferences: batch.affectsReferences, caller: caller, db: db, events: &events)
            }
            return (result, try sourceVersion(of: packageID, in: db))
        }
    }

    /// The batch `packageID`'s edits join, if one runs; an edit of another package inside a
    /// batch is refused, since the batch checked and versions only its own package.
    func batch(for packageID: String) throws -> EditBatch? {
        guard let batch = EditBatch.current else { return nil }
        guard batch.packageID == packageID else {
            throw ProviderError.invalidArgument(name: "operations", problem: "a batch on package \(batch.packageID) cannot edit package \(packageID)")
        }
        return batch
    }

    /// The sequence as XML with the SourceVersion it was read at, from one read: what a
    /// writer passes back as the expected version.
    public func sequenceXMLWithVersion(packageID: String, for caller: Caller) throws -> (xml: String, sourceVersion: UInt32) {
        let read = try sequenceXMLAndStamp(packageID: packageID, for: caller)
        return (read.xml, read.stamp.sourceVersion)
    }
}

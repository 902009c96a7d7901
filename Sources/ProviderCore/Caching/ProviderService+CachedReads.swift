import ProviderStore

extension ProviderService {
    /// The stamp to look the package up with in ``readCache``, once the caller's right to read it
    /// is checked — as ``package(_:for:)`` checks it, from memory when the policy and the package
    /// cache can tell. `nil` when the cache is not to be used: inside an edit batch (its reads see
    /// changes not yet versioned), or when the check failed, so that the uncached read reports
    /// the refusal exactly as it always has.
    func readCacheStamp(of packageID: String, for caller: Caller) throws -> PackageStamp? {
        guard EditBatch.current == nil, readCache.capacityBytes > 0 else { return nil }
        do {
            return PackageStamp(try package(packageID, for: caller))
        } catch ProviderError.notFound {
            return nil
        }
    }

    /// The package's stamp read in the transaction `db` (what is kept with it was read there too).
    func packageStamp(_ packageID: String, in db: StoreDatabase) throws -> PackageStamp {
        guard let stamp = try PackageRow.versionStamp(db, packageID: packageID) else {
            throw ProviderError.notFound(object: ObjectReference.package(packageID).relativePath)
        }
        return PackageStamp(sourceVersion: stamp.sourceVersion, sourceDate: stamp.sourceDate)
    }
}

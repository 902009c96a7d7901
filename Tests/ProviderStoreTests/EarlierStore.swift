import GRDB
import TestSupport
@testable import ProviderStore

/// A store file as an earlier version left it: every migration up to and including `migration`
/// applied, in a temporary directory removed with the value. Tests of a later migration write the
/// rows that version held, then migrate the rest of the way.
struct EarlierStore {
    let queue: DatabaseQueue
    private let directory: TemporaryDirectory

    init(migratedUpTo migration: String, configuration: Configuration = Configuration()) throws {
        directory = try TemporaryDirectory()
        queue = try DatabaseQueue(path: directory.path + "/store.sqlite", configuration: configuration)
        try StoreSchema.migrator.migrate(queue, upTo: migration)
    }

    /// Applies the migrations after the earlier version's, up to `migration` or all of them.
    func migrate(upTo migration: String? = nil) throws {
        if let migration { try StoreSchema.migrator.migrate(queue, upTo: migration) } else { try StoreSchema.migrator.migrate(queue) }
    }
}

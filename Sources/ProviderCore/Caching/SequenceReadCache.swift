import Synchronization
import TaskSequenceModel

/// One state of a package's sequence. Every change of a sequence — an edit, a condition change,
/// SetSequence, Edit, a rollback — moves the package's SourceVersion on in the same transaction
/// (an edit batch once, when it commits), so what was read at a stamp stays true for that stamp on
/// any engine, whichever provider wrote it. SourceDate tells a package apart from an earlier one
/// that had the same PackageID (IDs come back only once a site's numbering wraps).
struct PackageStamp: Hashable, Sendable {
    var sourceVersion: UInt32
    var sourceDate: Int64

    init(sourceVersion: UInt32, sourceDate: Int64) {
        self.sourceVersion = sourceVersion
        self.sourceDate = sourceDate
    }

    init(_ properties: PackageProperties) {
        self.init(sourceVersion: properties.sourceVersion, sourceDate: properties.sourceDate)
    }
}

/// A step's settings as `stepSettings` gives them: property and value, secrets blank.
typealias StepSettingList = [(property: String, value: String)]

/// What reads of a package's steps and sequence built, kept per package for one ``PackageStamp``:
/// step properties, step settings and the `GetSequence` XML.
///
/// A read asks with the stamp it has just checked the caller's rights against (``ProviderService``
/// never looks here before the rights check), and an entry is only used for the stamp it was read
/// at — read in the same transaction as what it holds — so nothing is invalidated on writes: a
/// package that changed has a new stamp, and its old entry is replaced at the next read. That
/// holds on PostgreSQL too, where another provider may have changed the package: the stamp is then
/// read from the store on every call. Reads inside an edit batch, which see changes not yet
/// versioned, neither use nor fill the cache.
///
/// Bounded by ``capacityBytes`` (an estimate of the strings held), least recently used packages
/// going first; a package's entry larger than a quarter of the budget is not kept.
final class SequenceReadCache: Sendable {
    private struct Entry {
        var stamp: PackageStamp
        var steps: [Int64: StoredStepInfo] = [:]
        var settings: [Int64: StepSettingList] = [:]
        var sequenceXML: String?
        var bytes = 0
        var lastUse: UInt64 = 0
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var bytes = 0
        var clock: UInt64 = 0
    }

    /// Bytes kept at most (estimated from the strings held).
    let capacityBytes: Int
    private let state = Mutex(State())

    init(capacityBytes: Int) {
        self.capacityBytes = max(0, capacityBytes)
    }

    /// Bytes now held (estimated), for tests and diagnostics.
    var bytesHeld: Int { state.withLock { $0.bytes } }

    func step(_ stepID: Int64, of packageID: String, at stamp: PackageStamp) -> StoredStepInfo? {
        lookUp(packageID, at: stamp) { $0.steps[stepID] }
    }

    func settings(of stepID: Int64, in packageID: String, at stamp: PackageStamp) -> StepSettingList? {
        lookUp(packageID, at: stamp) { $0.settings[stepID] }
    }

    func sequenceXML(of packageID: String, at stamp: PackageStamp) -> String? {
        lookUp(packageID, at: stamp) { $0.sequenceXML }
    }

    func keep(_ info: StoredStepInfo, at stamp: PackageStamp) {
        update(info.packageID, at: stamp, adding: Self.size(of: info)) { entry in
            guard entry.steps[info.id] == nil else { return false }
            entry.steps[info.id] = info
            return true
        }
    }

    func keep(settings: StepSettingList, of stepID: Int64, in packageID: String, at stamp: PackageStamp) {
        update(packageID, at: stamp, adding: Self.size(of: settings)) { entry in
            guard entry.settings[stepID] == nil else { return false }
            entry.settings[stepID] = settings
            return true
        }
    }

    func keep(sequenceXML xml: String, of packageID: String, at stamp: PackageStamp) {
        update(packageID, at: stamp, adding: xml.utf8.count) { entry in
            guard entry.sequenceXML == nil else { return false }
            entry.sequenceXML = xml
            return true
        }
    }

    /// Drops what is kept of `packageID` (it was deleted: its memory goes at once).
    func forget(_ packageID: String) {
        state.withLock { state in
            if let entry = state.entries.removeValue(forKey: packageID) { state.bytes -= entry.bytes }
        }
    }

    /// Forgets the packages `events` deleted.
    func forgetDeletedPackages(_ events: [ChangeRecord]) {
        for event in events where event.kind == .deleted {
            if case .package(let packageID) = event.object { forget(packageID) }
        }
    }

    func removeAll() {
        state.withLock { state in
            state.entries.removeAll()
            state.bytes = 0
        }
    }

    // MARK: Internals

    private func lookUp<T>(_ packageID: String, at stamp: PackageStamp, _ read: (Entry) -> T?) -> T? {
        state.withLock { state in
            guard var entry = state.entries[packageID], entry.stamp == stamp, let value = read(entry) else { return nil }
            state.clock &+= 1
            entry.lastUse = state.clock
            state.entries[packageID] = entry
            return value
        }
    }

    /// Adds to the package's entry for `stamp` (replacing an entry of another stamp); `add`
    /// returns whether it added anything, `bytes` being what it added.
    private func update(_ packageID: String, at stamp: PackageStamp, adding bytes: Int, _ add: (inout Entry) -> Bool) {
        guard bytes <= capacityBytes / 4 else { return }
        state.withLock { state in
            var entry = state.entries.removeValue(forKey: packageID) ?? Entry(stamp: stamp)
            state.bytes -= entry.bytes
            if entry.stamp != stamp { entry = Entry(stamp: stamp) }
            if add(&entry) { entry.bytes += bytes }
            guard entry.bytes <= capacityBytes / 4 else { return }
            state.clock &+= 1
            entry.lastUse = state.clock
            state.entries[packageID] = entry
            state.bytes += entry.bytes
            if state.bytes > capacityBytes { Self.evict(&state, downTo: capacityBytes - capacityBytes / 8) }
        }
    }

    /// Drops the least recently used entries until at most `target` bytes are held.
    private static func evict(_ state: inout State, downTo target: Int) {
        for (packageID, entry) in state.entries.sorted(by: { $0.value.lastUse < $1.value.lastUse }) {
            guard state.bytes > target else { return }
            state.entries.removeValue(forKey: packageID)
            state.bytes -= entry.bytes
        }
    }

    /// Estimated bytes: the strings, plus the bookkeeping of a dictionary slot and its struct.
    private static func size(of info: StoredStepInfo) -> Int {
        128 + info.packageID.utf8.count + info.className.utf8.count + info.name.utf8.count + info.description.utf8.count
            + info.supportedEnvironment.utf8.count + info.actionCommandLine.utf8.count
    }

    private static func size(of settings: StepSettingList) -> Int {
        settings.reduce(64) { $0 + 48 + $1.property.utf8.count + $1.value.utf8.count }
    }
}

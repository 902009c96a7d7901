import ProviderStore
import TaskSequenceModel
import TaskSequenceXML

extension PackageProperty {
    /// The writable properties the package keeps in fields of its own, in the order messages
    /// list them; the others (Priority, PkgFlags, TsEnabled) are kept by name among
    /// ``ExtendedPackageProperties`` and written with their rules as those are
    /// (``ProviderService/writableExtendedProperties``).
    public static let ownFields: [PackageProperty] = allCases.filter { !$0.isKeptByName }

    /// Whether the package keeps the property by name (``PackageProperties/value(of:)``)
    /// rather than in a field of its own.
    public var isKeptByName: Bool { ExtendedPackageProperties.definition(named: rawValue) != nil }

    /// Whether the property is a number (uint32) rather than text.
    public var isNumber: Bool { self == .duration || self == .programFlags || self == .priority || self == .pkgFlags }

    /// Sets the property in `target` to its value in `source`, as a value (no round trip through text).
    public func copy(from source: PackageProperties, to target: inout PackageProperties) {
        switch self {
        case .name: target.name = source.name
        case .description: target.description = source.description
        case .version: target.version = source.version
        case .manufacturer: target.manufacturer = source.manufacturer
        case .language: target.language = source.language
        case .category: target.category = source.category
        case .bootImageID: target.bootImageID = source.bootImageID
        case .duration: target.duration = source.duration
        case .programFlags: target.programFlags = source.programFlags
        case .dependentProgram: target.dependentProgram = source.dependentProgram
        case .customProgressMessage: target.customProgressMessage = source.customProgressMessage
        case .priority, .pkgFlags, .tsEnabled:
            if let value = source.value(of: rawValue) { target.setValue(value, of: rawValue) }
        }
    }

    /// The property's value in `package`, as text (what ``PackageProperties/setProperty(named:to:)`` reads back).
    public func text(in package: PackageProperties) -> String {
        switch self {
        case .name: package.name
        case .description: package.description
        case .version: package.version
        case .manufacturer: package.manufacturer
        case .language: package.language
        case .category: package.category
        case .bootImageID: package.bootImageID
        case .duration: String(package.duration)
        case .programFlags: String(package.programFlags)
        case .dependentProgram: package.dependentProgram
        case .customProgressMessage: package.customProgressMessage
        case .priority, .pkgFlags, .tsEnabled:
            switch package.value(of: rawValue) {
            case .number(let number)?: String(number)
            case .boolean(let flag)?: flag ? "TRUE" : "FALSE"
            default: ""
            }
        }
    }
}

extension ProviderService {
    /// The IDs of the task sequence packages the caller may read, in ID order.
    public func packageIDs(for caller: Caller) throws -> [String] {
        try read(caller) { db in
            try readableKeys(in: .package, readable: policy.readablePackages(for: caller, in: db), in: db)
        }
    }

    /// The properties of every task sequence package the caller may read, in ID order, in one
    /// read of the store (for listings of many packages, such as the root's GetManagedObjects).
    public func readablePackageProperties(for caller: Caller) throws -> [PackageProperties] {
        try read(caller) { db in
            let readable = try policy.readablePackages(for: caller, in: db)
            if readable.isKnownEmpty { return [] }
            return try PackageRow.fetchAllProperties(db, readable: readable)
        }
    }

    /// A package's properties: from memory when they have not changed since they were last
    /// read and the policy can decide the caller's rights without the store.
    public func package(_ packageID: String, for caller: Caller) throws -> PackageProperties {
        let object = ObjectReference.package(packageID)
        try policy.admit(caller)
        if let rights = policy.rightsWithoutStore(of: caller, on: object), let cached = packageCache.properties(of: packageID) {
            guard rights.contains(.read) else { throw ProviderError.notFound(object: object.relativePath) }
            return cached
        }
        let generation = packageCache.generation
        let properties = try read(caller) { db in
            try require(.read, on: object, for: caller, in: db)
            return try packageRow(packageID, in: db).properties()
        }
        packageCache.keep(properties, of: packageID, readAt: generation)
        return properties
    }

    /// The text of one property of a package (``PackageProperty/text(in:)``) when
    /// ``package(_:for:)`` would return the package from memory: the caller is admitted, the
    /// policy grants Read without the store and the cache holds the package. `nil` in every
    /// other case — call ``package(_:for:)``, which reads the store or throws. A property `Get`
    /// reads this way without copying the package's other properties.
    public func cachedText(of property: PackageProperty, ofPackage packageID: String, for caller: Caller) -> String? {
        guard mayReadCache(of: packageID, for: caller) else { return nil }
        return packageCache.withProperties(of: packageID) { property.text(in: $0) }
    }

    /// Whether ``package(_:for:)`` would return the package from memory (and so not throw); see
    /// ``cachedText(of:ofPackage:for:)``.
    public func isCachedAndReadable(package packageID: String, for caller: Caller) -> Bool {
        mayReadCache(of: packageID, for: caller) && packageCache.withProperties(of: packageID, { _ in true }) != nil
    }

    /// Whether the caller is admitted and the policy grants it Read on the package without the store.
    private func mayReadCache(of packageID: String, for caller: Caller) -> Bool {
        guard (try? policy.admit(caller)) != nil, let rights = policy.rightsWithoutStore(of: caller, on: .package(packageID)) else { return false }
        return rights.contains(.read)
    }

    /// Creates a package with `properties` (its PackageID is assigned) and an empty sequence of
    /// `schemaVersion`; returns the new PackageID.
    public func createPackage(_ properties: PackageProperties, schemaVersion: String = "3.10", for caller: Caller) throws -> String {
        try write(caller) { db, events in
            try require(.create, on: .class(ClassName.taskSequencePackage), for: caller, in: db)
            return try insertPackage(properties, sequence: TaskSequence(schemaVersion: schemaVersion), change: "create", payloadBytes: nil, caller: caller, db: db, events: &events)
        }
    }

    /// Changes writable properties of a package; returns the names of those that changed.
    @discardableResult
    public func updatePackage(_ packageID: String, for caller: Caller, _ change: (inout PackageProperties) throws -> Void) throws -> [String] {
        try write(caller) { db, events in
            try require(.modify, on: .package(packageID), for: caller, in: db)
            var row = try packageRow(packageID, in: db)
            let before = try row.properties()
            var after = before
            try change(&after)
            let changed = try Self.changedWritableProperties(from: before, to: after)
            guard !changed.isEmpty else { return [] }
            if let batch = try batch(for: packageID) {
                try row.update(from: after)
                try row.update(db)
                batch.note("set \(changed.joined(separator: ","))", affectsReferences: false)
                events.append(ChangeRecord(kind: .modified, className: ClassName.taskSequencePackage, object: .package(packageID), changedProperties: changed))
                return changed
            }
            after.sourceVersion = before.sourceVersion + 1
            after.sourceDate = configuration.now()
            try row.update(from: after)
            try row.update(db)
            try recordRevision(packageID, sourceVersion: after.sourceVersion, change: "set \(changed.joined(separator: ","))", xml: nil, stored: row,
                               caller: caller, db: db)
            // Sizes follow their bytes, so their watchers hear of them too.
            let followers = changed.compactMap { $0 == "Icon" ? "IconSize" : ExtendedPackageProperties.sizeOfBlob[$0] }
            events.append(ChangeRecord(kind: .modified, className: ClassName.taskSequencePackage, object: .package(packageID),
                                      changedProperties: changed + followers + ["SourceVersion", "SourceDate"]))
            return changed
        }
    }

    /// Deletes a package, its sequence and everything in it; refused (ValidationFailed naming the
    /// advertisements) while advertisements deploy it.
    public func deletePackage(_ packageID: String, for caller: Caller) throws {
        try write(caller) { db, events in
            try require(.delete, on: .package(packageID), for: caller, in: db)
            let row = try packageRow(packageID, in: db)
            try refuseDeletingDeployedPackage(row.packageID, in: db)
            try recordRevision(packageID, sourceVersion: row.sourceVersion, change: "delete", xml: nil, caller: caller, db: db)
            try PackageRow.delete(db, packageID: packageID)
            try RevisionImages.forgetTouchedSteps(in: db)
            var entryEvents: [ChangeRecord] = []
            let readers = try removeInstanceEntries(of: .taskSequencePackage, instanceKey: packageID, caller: caller, db: db, events: &entryEvents)
            events.append(ChangeRecord(kind: .deleted, className: ClassName.taskSequencePackage, object: .package(packageID), formerReaders: readers))
            events += entryEvents
        }
    }

    // MARK: Shared by package-level operations

    /// The PackageIDs of `table` in `readable`, in ID order: the policy's answer applied in SQL.
    func readableKeys(in table: PackageTable, readable: ReadableSet, in db: StoreDatabase) throws -> [String] {
        if readable.isKnownEmpty { return [] }
        return try PackageKeys.readableIDs(in: table, db, readable: readable)
    }

    /// The package's SourceVersion (a read of one column, for the checks and stamps of every edit).
    func sourceVersion(of packageID: String, in db: StoreDatabase) throws -> UInt32 {
        guard let version = try PackageRow.sourceVersion(db, packageID: packageID) else {
            throw ProviderError.notFound(object: ObjectReference.package(packageID).relativePath)
        }
        return version
    }

    func packageRow(_ packageID: String, in db: StoreDatabase) throws -> PackageRow {
        guard let row = try PackageRow.fetchOne(db, packageID: packageID) else { throw ProviderError.notFound(object: ObjectReference.package(packageID).relativePath) }
        return row
    }

    /// Inserts a new package holding `sequence`, with a fresh PackageID; returns the ID.
    /// `payloadBytes` is the size of the file it came from, when it came from one.
    ///
    /// The revision is the snapshot of the rows just written (docs/history.md); it keeps no
    /// canonical XML, which no read uses since history-v5 and which cost an import a seventh of
    /// its time. The sequence is consumed: once its rows are written the model is let go before
    /// the revision's image is copied.
    func insertPackage(
        _ properties: PackageProperties, sequence: consuming TaskSequence, change: String, payloadBytes: Int?,
        warnings: [String]? = nil, caller: Caller, db: StoreDatabase, events: inout [ChangeRecord]
    ) throws -> String {
        var properties = properties
        properties.packageID = try ProviderStore.allocatePackageID(siteCode: configuration.siteCode, in: db)
        properties.packageType = 4
        properties.sourceVersion = 1
        properties.sourceDate = configuration.now()
        properties.sourceSite = configuration.siteCode
        // Derived facts before the row is written, so the row is written once.
        let facts = sequence.derivedFacts(bootImageID: properties.bootImageID)
        properties.applyDerivedFacts(facts, knownPackages: try knownPackages(among: facts.references, in: db))
        try Self.validate(properties)
        let row = try PackageRow(properties: properties, createdByUID: caller.uid)
        // Recorded as a snapshot below: no need to note each row as touched.
        let stored = try RevisionImages.withoutTracking(in: db) { try SequenceTree.insert(row, with: sequence, in: db) }
        _ = consume sequence
        // The model was many small blocks in the middle of the heap; free() keeps those pages,
        // so hand them back before SQLite copies the rows into the revision's image.
        if let bytes = payloadBytes, bytes >= Self.largeImportBytes { FreedMemory.returnToSystem() }
        try recordRevision(properties.packageID, sourceVersion: 1, change: change, xml: nil, warnings: warnings, whole: true, stored: stored,
                           caller: caller, db: db)
        events.append(ChangeRecord(kind: .created, className: ClassName.taskSequencePackage, object: .package(properties.packageID)))
        try grantCreatorRights(on: .taskSequencePackage, instanceKey: properties.packageID, caller: caller, db: db, events: &events)
        return properties.packageID
    }

    /// Marks a change of the package's sequence: SourceVersion and SourceDate move on, derived
    /// facts are recomputed when the change can affect them, and a revision records who did it.
    func sequenceChanged(
        _ packageID: String, change: String, xml: String? = nil, warnings: [String]? = nil, affectsReferences: Bool, stored: TaskSequence? = nil,
        caller: Caller, db: StoreDatabase, events: inout [ChangeRecord]
    ) throws {
        if let batch = try batch(for: packageID) {
            // The batch versions and records its edits once, when they all succeeded.
            batch.note(change, affectsReferences: affectsReferences)
            return
        }
        let sourceVersion = try self.sourceVersion(of: packageID, in: db) + 1
        try PackageRow.setSourceVersion(db, packageID: packageID, to: sourceVersion, at: configuration.now())
        var changed = ["SourceVersion", "SourceDate"]
        if affectsReferences {
            changed += try refreshDerivedFacts(packageID, stored: stored, in: db)
        }
        try recordRevision(packageID, sourceVersion: sourceVersion, change: change, xml: xml, warnings: warnings, caller: caller, db: db)
        events.append(ChangeRecord(kind: .modified, className: ClassName.taskSequencePackage, object: .package(packageID), changedProperties: changed))
    }

    /// From this size on, an import returns the memory of its model to the system once stored.
    static let largeImportBytes = 1 << 20

    /// `warnings` (for a sequence that came in whole: an import or SetSequence) are kept with the
    /// revision, an empty list included, so the last such change answers ImportWarnings.
    ///
    /// The revision also records what the package holds after the change, so it can be read
    /// back (docs/history.md): a snapshot when `whole`, else only the steps the change touched.
    /// `stored` is the package's row as the change just wrote it, when the caller has it.
    func recordRevision(
        _ packageID: String, sourceVersion: UInt32, change: String, xml: String?, warnings: [String]? = nil, whole: Bool = false,
        stored: PackageRow? = nil, caller: Caller, db: StoreDatabase
    ) throws {
        var revision = RevisionRow(
            packageID: packageID, sourceVersion: sourceVersion, uid: caller.uid, userName: caller.userName,
            time: configuration.now(), change: change, xml: xml, warnings: warnings
        )
        try revision.insert(db)
        guard let revisionID = revision.id else { throw ProviderError.storage("the revision of \(packageID) was stored without an ID") }
        try RevisionImages.record(revisionID: revisionID, packageID: packageID, whole: whole, stored: stored, in: db)
        if let retention = configuration.historyRetention {
            try RevisionRetention.prune(packageID: packageID, keepRevisions: retention.keepRevisions, keepSeconds: retention.keepSeconds,
                                        now: configuration.now(), in: db)
        }
    }

    /// The WMI names of the fields that differ, for naming a refused read-only change.
    private static func changedFieldNames(from before: PackageProperties, to after: PackageProperties) -> String {
        let old = Mirror(reflecting: before).children, new = Mirror(reflecting: after).children
        var names = zip(old, new).compactMap { pair -> String? in
            guard let label = pair.0.label, label != "extended", String(describing: pair.0.value) != String(describing: pair.1.value) else { return nil }
            return label.prefix(1).uppercased() + label.dropFirst()
        }
        names += ExtendedPackageProperties.definitions.filter { before.value(of: $0.name) != after.value(of: $0.name) }.map(\.name)
        return names.isEmpty ? "a read-only property" : names.joined(separator: ", ")
    }

    static func changedWritableProperties(from before: PackageProperties, to after: PackageProperties) throws -> [String] {
        // Everything a client cannot write must come back as it was.
        var probe = after
        for property in PackageProperty.ownFields { property.copy(from: before, to: &probe) }
        for definition in writableExtendedProperties {
            if let value = before.value(of: definition.name) { probe.setValue(value, of: definition.name) }
        }
        guard probe == before else {
            let writable = (PackageProperty.ownFields.map(\.rawValue) + writableExtendedProperties.map(\.name)).joined(separator: ", ")
            throw ProviderError.readOnly(property: "\(changedFieldNames(from: before, to: probe)) (writable: \(writable))")
        }
        try validate(after)
        return PackageProperty.ownFields.filter { $0.text(in: before) != $0.text(in: after) }.map(\.rawValue)
            + writableExtendedProperties.filter { before.value(of: $0.name) != after.value(of: $0.name) }.map(\.name)
    }

    /// The properties kept by name that clients may write (reference §2.2–2.3: not read-only).
    public static let writableExtendedProperties = ExtendedPackageProperties.definitions.filter(ExtendedPackageProperties.isWritable)

    /// Enables or disables a task sequence (Enable-/Disable-CMTaskSequence): TsEnabled and
    /// ProgramFlags bit 0x1000 together. Needs Modify; returns the properties that changed
    /// (none when it already was so).
    @discardableResult
    public func setPackageEnabled(_ packageID: String, _ enabled: Bool, for caller: Caller) throws -> [String] {
        try updatePackage(packageID, for: caller) { $0.setEnabled(enabled) }
    }

    /// Limits on package properties: ConfigMgr's console caps names at 50 characters, the
    /// provider stores up to 255; descriptions up to 512.
    static func validate(_ properties: PackageProperties) throws {
        let limits: [(String, String, Int)] = [
            ("Name", properties.name, 255), ("Description", properties.description, 512),
            ("Version", properties.version, 32), ("Manufacturer", properties.manufacturer, 255),
            ("Language", properties.language, 32), ("Category", properties.category, 255),
            ("DependentProgram", properties.dependentProgram, 255), ("CustomProgressMsg", properties.customProgressMessage, 255),
        ]
        for (name, value, limit) in limits where value.count > limit {
            throw ProviderError.validationFailed(property: name, rule: "length \(value.count) exceeds the limit of \(limit) characters")
        }
        let extendedLimits: [(String, Int)] = [
            ("ISVString", 255), ("MIFFilename", 50), ("MIFName", 50), ("MIFPublisher", 32), ("MIFVersion", 32),
            ("PkgSourcePath", 512), ("ShareName", 127), ("StoredPkgPath", 512), ("ObjectPath", 512),
        ]
        for (name, limit) in extendedLimits {
            if case .text(let value)? = properties.value(of: name), value.count > limit {
                throw ProviderError.validationFailed(property: name, rule: "length \(value.count) exceeds the limit of \(limit) characters")
            }
        }
        if case .number(let shareType)? = properties.value(of: "ShareType"), ![1, 2].contains(shareType) {
            throw ProviderError.validationFailed(property: "ShareType", rule: "must be 1 (SHARE_COMMON) or 2 (SHARE_SPECIFIC), got \(shareType)")
        }
        if case .number(let sourceFlag)? = properties.value(of: "PkgSourceFlag"), sourceFlag > 4 {
            throw ProviderError.validationFailed(property: "PkgSourceFlag", rule: "must be 0…4 (STORAGE_NEEDS_SPECIFYING … STORAGE_LOCAL), got \(sourceFlag)")
        }
        for platform in properties.supportedOperatingSystems where platform.platform.isEmpty {
            throw ProviderError.validationFailed(property: "SupportedOperatingSystems", rule: "every platform needs a Platform (e.g. I386, x64); '\(platform.name)' has none")
        }
        if !properties.bootImageID.isEmpty, !isPackageID(properties.bootImageID) {
            throw ProviderError.validationFailed(property: "BootImageID", rule: "'\(properties.bootImageID)' is not a PackageID (three-character site code and five hex digits)")
        }
    }

    /// Whether `text` looks like a PackageID: eight letters and digits, the last five hex.
    static func isPackageID(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 8 else { return false }
        let alphanumeric = scalars.prefix(3).allSatisfy { ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        let hex = scalars.suffix(5).allSatisfy { ("0"..."9").contains($0) || ("A"..."F").contains($0) || ("a"..."f").contains($0) }
        return alphanumeric && hex
    }
}

import Foundation
import ProviderStore
import TaskSequenceModel
import TaskSequenceXML

extension ProviderService {
    /// Reads imports and checks them as they are read, as an import is checked (rules real
    /// exports break are warnings): an invalid sequence is refused with every error found, and
    /// nothing more of it is built after its first. `tsctl xml check` reads with the same reader.
    var reader: TaskSequenceReader {
        var limits = XMLLimits.default
        limits.maximumBytes = configuration.maxXMLBytes
        return TaskSequenceReader.importing(limits: limits)
    }

    /// The package's sequence as XML. Secret and QuasiSecret values are blank: they never leave
    /// the provider in clear.
    public func sequenceXML(packageID: String, for caller: Caller) throws -> String {
        try sequenceXMLAndStamp(packageID: packageID, for: caller).xml
    }

    /// The sequence's XML and the stamp it was read at: from ``readCache`` when it holds the
    /// reply for the package's current SourceVersion, else built from the store (and kept).
    func sequenceXMLAndStamp(packageID: String, for caller: Caller) throws -> (xml: String, stamp: PackageStamp) {
        let stamp = try readCacheStamp(of: packageID, for: caller)
        if let stamp, let cached = readCache.sequenceXML(of: packageID, at: stamp) { return (cached, stamp) }
        let read = try read(caller) { db in
            try require(.read, on: .package(packageID), for: caller, in: db)
            let readAt = try packageStamp(packageID, in: db)
            let xml = try Self.xml { try TaskSequenceWriter(form: .export).sequenceXML(SequenceTree.load(packageID: packageID, in: db)) }
            return (xml: xml, stamp: readAt)
        }
        if stamp != nil { readCache.keep(sequenceXML: read.xml, of: packageID, at: read.stamp) }
        return read
    }

    /// Exports the package in `format`, secrets blanked (ExportXml semantics).
    ///
    /// `canonical` lays the package and sequence formats out one element per line, indented
    /// (``TaskSequenceWriter/Layout/canonical``): re-imported, they give the same sequence.
    public func export(packageID: String, format: ExportFormat, canonical: Bool = false, for caller: Caller) throws -> String {
        if canonical, format != .package, format != .sequence {
            throw ProviderError.invalidArgument(name: "layout", problem: "canonical applies to the package and sequence formats, not \(format.rawValue)")
        }
        return try read(caller) { db in
            try require(.read, on: .package(packageID), for: caller, in: db)
            let properties = try packageRow(packageID, in: db).properties()
            let sequence = try SequenceTree.load(packageID: packageID, in: db)
            let writer = TaskSequenceWriter(layout: canonical ? .canonical : .faithful, form: .export)
            return try Self.xml {
                switch format {
                case .sequence: try writer.sequenceXML(sequence)
                case .package: try writer.packageXML(sequence, properties: properties)
                case .object: try writer.objectXML(sequence, properties: properties, server: configuration.siteCode)
                case .zip: throw ProviderError.invalidArgument(name: "format", problem: "zip is binary; ask ExportData for it")
                }
            }
        }
    }

    /// Exports packages as bytes, secrets blanked: `zip` puts every package in one archive (as
    /// Export-CMTaskSequence does); a text format takes exactly one package and gives its UTF-8.
    /// Needs Read on every package; one that is missing or unreadable fails the whole export.
    public func exportData(packageIDs: [String], format: ExportFormat, for caller: Caller) throws -> Data {
        guard !packageIDs.isEmpty else { throw ProviderError.invalidArgument(name: "packages", problem: "no PackageID given; expected one or more") }
        guard format == .zip else {
            guard packageIDs.count == 1, let only = packageIDs.first else {
                throw ProviderError.invalidArgument(name: "packages", problem: "\(format.rawValue) holds one package, \(packageIDs.count) given; use zip for several")
            }
            return Data(try export(packageID: only, format: format, for: caller).utf8)
        }
        return try read(caller) { db in
            var packages: [(sequence: TaskSequence, properties: PackageProperties)] = []
            for packageID in packageIDs {
                try require(.read, on: .package(packageID), for: caller, in: db)
                let properties = try packageRow(packageID, in: db).properties()
                guard !packages.contains(where: { $0.properties.packageID == properties.packageID }) else { continue }
                packages.append((try SequenceTree.load(packageID: packageID, in: db), properties))
            }
            do {
                return try ZipExportWriter(server: configuration.siteCode).archive(packages)
            } catch let error as XMLCodecError {
                throw ProviderError(error)
            }
        }
    }

    /// Replaces the package's sequence (SetSequence). `expectedSourceVersion` 0 skips the stale
    /// check; otherwise a package that has moved on fails with ``ProviderError/conflict(expected:actual:)``
    /// and nothing changes. Blank secrets in `xml` keep the stored values. Returns the new
    /// SourceVersion.
    public func setSequence(packageID: String, xml: String, expectedSourceVersion: UInt32, for caller: Caller) throws -> UInt32 {
        try replaceSequence(packageID: packageID, xml: xml, expectedSourceVersion: expectedSourceVersion, for: caller).sourceVersion
    }

    /// ``setSequence(packageID:xml:expectedSourceVersion:for:)`` with the warnings the new
    /// sequence brought (also stored with the revision: ``importWarnings(packageID:for:)``).
    public func replaceSequence(packageID: String, xml: String, expectedSourceVersion: UInt32, for caller: Caller) throws -> (sourceVersion: UInt32, warnings: [String]) {
        try policy.admit(caller)
        return try importAdmission.admit(bytes: xml.utf8.count) {
            let checked = try parseSequence(xml)
            let incoming = checked.sequence
            let warnings = checked.listedWarnings
            return try write(caller) { db, events in
                try require(.modify, on: .package(packageID), for: caller, in: db)
                let row = try packageRow(packageID, in: db)
                if expectedSourceVersion != 0, expectedSourceVersion != row.sourceVersion {
                    throw ProviderError.conflict(expected: expectedSourceVersion, actual: row.sourceVersion)
                }
                let stored = try snapshot(of: packageID, at: nil, in: db)
                let sequence = incoming.restoringSecrets(from: stored.sequence)
                let canonical = try Self.xml { try TaskSequenceWriter(layout: .canonical).sequenceXML(sequence) }
                let ids = Self.keptStepIDs(from: stored, for: sequence)
                let version = try writeWholeSequence(packageID, sequence: sequence, ids: ids, properties: nil, summary: "", xml: canonical,
                                                     warnings: warnings, caller: caller, db: db, events: &events)
                return (version, warnings)
            }
        }
    }

    /// The stored step IDs `sequence` keeps: each step the matcher pairs with a stored one (as
    /// the diff pairs steps without lineage: position, class, name, settings) keeps its ID.
    static func keptStepIDs(from stored: PackageSnapshot, for sequence: TaskSequence) -> [StepPath: Int64] {
        let pairs = StepMatching.match(old: stored.sequence, new: sequence, oldIdentity: { _ in nil }, newIdentity: { _ in nil })
        return pairs.compactMapValues { stored.stepIDs[$0] }
    }

    /// Validates a `<sequence>` document and returns it in canonical form (ImportSequence),
    /// secrets blanked. Changes nothing.
    public func importSequence(xml: String, for caller: Caller) throws -> String {
        try validateSequence(xml: xml, for: caller).xml
    }

    /// ``importSequence(xml:for:)`` with the warnings an import of the sequence would report,
    /// one line each (ValidateSequence). Changes nothing.
    public func validateSequence(xml: String, for caller: Caller) throws -> (xml: String, warnings: [String]) {
        try policy.admit(caller)
        return try importAdmission.admit(bytes: xml.utf8.count) {
            let checked = try parseSequence(xml)
            let text = try Self.xml { try TaskSequenceWriter(layout: .canonical, form: .export).sequenceXML(checked.sequence) }
            return (text, checked.listedWarnings)
        }
    }

    /// What validation warned about when the package's sequence last came in whole (Import,
    /// ImportFd or SetSequence), one line each; empty when it had nothing to say.
    public func importWarnings(packageID: String, for caller: Caller) throws -> [String] {
        try read(caller) { db in
            try require(.read, on: .package(packageID), for: caller, in: db)
            _ = try packageRow(packageID, in: db)
            return try RevisionRow.latestWarnings(packageID: packageID, in: db)
        }
    }

    /// ``importWarnings(packageID:for:)`` of every package the caller may read, in one read of
    /// the store (for listings such as GetManagedObjects); packages without warnings are left out.
    public func readableImportWarnings(for caller: Caller) throws -> [String: [String]] {
        try read(caller) { db in
            let readable = try policy.readablePackages(for: caller, in: db)
            if readable.isKnownEmpty { return [:] }
            return try RevisionRow.latestWarningsByPackage(db, readable: readable)
        }
    }

    /// Creates a package from any supported export — bare `<sequence>`, MDT `ts.xml`, the 2007
    /// wrapper, a 2012+ `object.xml` or a `.zip` holding one — and returns its PackageID.
    ///
    /// The payload is released as soon as it is parsed, and imports together hold at most
    /// ``ProviderConfiguration/importBudgetBytes`` of payload (later ones wait their turn).
    ///
    /// - Parameters:
    ///   - name: a new name for the package, instead of the one the export carries.
    ///   - sourcePackageID: which package of a zip holding several to import.
    public func importPackage(data: consuming Data, name: String? = nil, sourcePackageID: String? = nil, for caller: Caller) throws -> String {
        try policy.admit(caller)
        let size = data.count
        try importAdmission.reserve(size)
        defer { importAdmission.finished(size) }
        return try importDocument(readDocument(consume data, packageID: sourcePackageID), size: size, name: name, for: caller)
    }

    /// ``importPackage(data:name:sourcePackageID:for:)`` for a file that arrived as text
    /// (`Import`'s string argument), read in place rather than copied into bytes first.
    public func importPackage(text: String, name: String? = nil, sourcePackageID: String? = nil, for caller: Caller) throws -> String {
        try policy.admit(caller)
        let size = text.utf8.count
        try importAdmission.reserve(size)
        defer { importAdmission.finished(size) }
        let document: TaskSequenceDocument
        do {
            document = try reader.document(fromFileText: text, packageID: sourcePackageID)
        } catch {
            throw ProviderError(error)
        }
        return try importDocument(document, size: size, name: name, for: caller)
    }

    /// Stores an imported document (the reader has validated it); `size` is the payload's.
    private func importDocument(_ document: consuming TaskSequenceDocument, size: Int, name: String?, for caller: Caller) throws -> String {
        // The model goes on alone, so insertPackage can let it go before the revision is stored.
        var pending: ImportedDocument? = ImportedDocument(document, size: size, name: name)
        return try write(caller) { db, events in
            try require(.create, on: .class(ClassName.taskSequencePackage), for: caller, in: db)
            guard let imported = pending.take() else { throw ProviderError.storage("the imported sequence was already stored") }
            return try storeImported(imported, caller: caller, db: db, events: &events)
        }
    }

    /// Writes an imported document as a new package in the transaction of `db`; the caller
    /// has checked the Create right.
    func storeImported(_ imported: consuming ImportedDocument, caller: Caller, db: StoreDatabase, events: inout [ChangeRecord]) throws -> String {
        let size = imported.size, change = imported.change, warnings = imported.warnings, properties = imported.properties
        return try insertPackage(properties, sequence: imported.takeSequence(), change: change, payloadBytes: size, warnings: warnings,
                                 caller: caller, db: db, events: &events)
    }

    // MARK: Internals

    /// The document in `data`; the payload is gone once this returns.
    private func readDocument(_ data: consuming Data, packageID: String?) throws -> TaskSequenceDocument {
        do {
            return try reader.document(from: data, packageID: packageID)
        } catch {
            throw ProviderError(error)
        }
    }

    private func parseSequence(_ xml: String) throws -> CheckedSequence {
        guard xml.utf8.count <= configuration.maxXMLBytes else {
            throw ProviderError.limitsExceeded("the sequence is \(xml.utf8.count) bytes; the limit is \(configuration.maxXMLBytes)")
        }
        let sequence: CheckedSequence
        do {
            sequence = try reader.checkedSequence(fromXML: xml)
        } catch {
            throw ProviderError(error)
        }
        return sequence
    }

    /// Runs codec work, reporting codec errors as provider errors.
    static func xml(_ body: () throws -> String) throws -> String {
        do {
            return try body()
        } catch let error as XMLCodecError {
            throw ProviderError(error)
        }
    }
}

extension ProviderError {
    init(_ error: XMLCodecError) {
        switch error.rootCause {
        case .tooLarge: self = .limitsExceeded(error.description)
        case .malformed, .forbiddenDTD, .tooDeep, .notATaskSequence, .empty:
            self = .invalidXML(line: error.line ?? 0, column: error.column ?? 0, message: error.message)
        case .severalPackages, .packageNotFound: self = .invalidArgument(name: "options", problem: error.description)
        case .unsupportedContainer, .invalidArchive: self = .invalidArgument(name: "data", problem: error.description)
        case .unwritable: self = .validationFailed(property: "sequence", rule: error.description)
        case .inArchiveMember: self = .invalidArgument(name: "data", problem: error.description)
        case .invalidSequence(let found):
            // The first error as for one issue, then every other error the same way, `; `-separated.
            let errors = found.errors
            guard let first = errors.first else {
                self = .validationFailed(property: "sequence", rule: found.errorSummary)
                return
            }
            var rule = Self.located(first)
            for issue in errors.dropFirst() { rule += "; " + (issue.property.map { "\($0): " } ?? "") + Self.located(issue) }
            if found.omittedErrors > 0 { rule += "; and \(found.omittedErrors) more errors" }
            self = .validationFailed(property: first.property ?? "sequence", rule: rule)
        }
    }

    /// A broken rule of a whole sequence: the rule, then where
    /// (`Name: is empty; AllowedLen 1-100 (at group[2]/step[3] "")`).
    init(_ issue: ValidationIssue) {
        self = .validationFailed(property: issue.property ?? "sequence", rule: Self.located(issue))
    }

    /// The issue's rule, then where: `is empty; AllowedLen 1-100 (at group[2]/step[3] "")`.
    static func located(_ issue: ValidationIssue) -> String {
        let place = issue.location.description
        return issue.detail + (place.isEmpty ? "" : " (at \(place))")
    }
}

extension ProviderService {
    /// SMS_TaskSequence.SchemaVersion of a package's sequence.
    public func schemaVersion(packageID: String, for caller: Caller) throws -> String {
        try read(caller) { db in
            try require(.read, on: .package(packageID), for: caller, in: db)
            return try packageRow(packageID, in: db).sequenceAttributeList()["version"] ?? "3.00"
        }
    }
}

import DBusKit

extension PackageHandle {
    /// Applies the edits `build` collects as one batch: one transaction and one revision, all
    /// or nothing.
    ///
    /// - Parameter expected: the SourceVersion your edits are based on (from
    ///   ``sequenceXMLWithVersion()`` or `PackageInfo.sourceVersion`); `nil` skips the check.
    /// - Throws: `ProviderError.conflict(expected:actual:)` when the package changed since,
    ///   and nothing is written; for a failing operation, its own error, the message starting
    ///   `operation N (Op)`.
    @discardableResult
    public func edit(expecting expected: UInt32?, _ build: (inout PackageEditBatch) throws -> Void) throws -> PackageEditResult {
        var batch = PackageEditBatch()
        try build(&batch)
        let reply = try client.call(path, ProviderInterface.package, "Edit",
                                    [.uint32(expected ?? 0), .array(.dictionary(key: .string, value: .variant), batch.operations)])
        let version = reply.first.flatMap { PropertyValue($0).intValue }.flatMap { UInt32(exactly: $0) } ?? 0
        var steps: [Int: Int64] = [:], operands: [Int: Int64] = [:]
        if reply.count > 1, case .list(let results) = PropertyValue(reply[1]) {
            for (index, result) in results.enumerated() {
                guard case .dictionary(let fields) = result else { continue }
                if let id = fields["StepID"]?.intValue { steps[index] = id }
                if let id = fields["OperandID"]?.intValue { operands[index] = id }
            }
        }
        return PackageEditResult(sourceVersion: version, addedStepIDs: steps, addedOperandIDs: operands)
    }

    /// The sequence as XML (secrets blanked) with the SourceVersion it was read at, from one
    /// read: pass the version to ``edit(expecting:_:)`` or
    /// ``setSequenceXML(_:expectingSourceVersion:)``.
    public func sequenceXMLWithVersion() throws -> (xml: String, sourceVersion: UInt32) {
        let reply = try client.call(path, ProviderInterface.package, "GetSequenceWithVersion", timeout: client.options.transferTimeout)
        let version = reply.dropFirst().first.flatMap { PropertyValue($0).intValue }.flatMap { UInt32(exactly: $0) } ?? 0
        return (reply.first?.stringValue ?? "", version)
    }

    /// Changes several writable properties as one revision, failing with
    /// `ProviderError.conflict(expected:actual:)` (nothing written) when the package is no
    /// longer at `expected`. Returns the new SourceVersion.
    @discardableResult
    public func update(_ changes: [PackageProperty: PropertyValue], expecting expected: UInt32?) throws -> UInt32 {
        let values = Dictionary(uniqueKeysWithValues: changes.map { ($0.key.rawValue, $0.value) })
        return try EditOptions.version(client.call(path, ProviderInterface.package, "SetProperties",
                                                   [values.dbusDictionary, EditOptions.value(expected)]))
    }
}

extension StepHandle {
    /// Changes the step's own properties as one revision, failing with
    /// `ProviderError.conflict(expected:actual:)` (nothing written) when the package is no
    /// longer at `expected`. Returns the new SourceVersion.
    @discardableResult
    public func set(_ changes: [StepProperty: PropertyValue], expecting expected: UInt32?) throws -> UInt32 {
        try setProperties(Dictionary(uniqueKeysWithValues: changes.map { ($0.key.rawValue, $0.value) }), expecting: expected)
    }

    /// Changes some of the action's settings as one revision, failing with
    /// `ProviderError.conflict(expected:actual:)` (nothing written) when the package is no
    /// longer at `expected`. Returns the new SourceVersion.
    @discardableResult
    public func setSettings(_ changes: [String: PropertyValue], expecting expected: UInt32?) throws -> UInt32 {
        try setProperties(changes, expecting: expected)
    }

    private func setProperties(_ values: [String: PropertyValue], expecting expected: UInt32?) throws -> UInt32 {
        try EditOptions.version(client.call(path, ProviderInterface.step, "SetProperties", [values.dbusDictionary, EditOptions.value(expected)]))
    }
}

/// The `options` of the version-checked edit methods.
enum EditOptions {
    static func value(_ expected: UInt32?) -> DBusValue {
        .stringVariantDictionary(expected.map { ["ExpectedSourceVersion": .uint32($0)] } ?? [:])
    }

    static func version(_ reply: [DBusValue]) -> UInt32 {
        reply.first.flatMap { PropertyValue($0).intValue }.flatMap { UInt32(exactly: $0) } ?? 0
    }
}

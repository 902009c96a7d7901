import DBusKit
import Foundation
public import TaskSequenceModel

/// A task sequence package on the provider, by ID. Making one asks nothing of the provider;
/// each method is one or a few calls.
///
/// ```swift
/// let package = client.package("PS100004")
/// let info = try package.info()
/// try package.set(.description, to: "Reviewed \(Date())")
/// let firstStep = try package.sequence.steps().first
/// ```
public struct PackageHandle: Sendable {
    /// The client calls go through.
    public let client: ProviderClient
    /// The PackageID.
    public let id: String

    /// A handle for `id`.
    public init(client: ProviderClient, id: String) {
        self.client = client
        self.id = id
    }

    var path: ObjectPath { ProviderPaths.package(id) }

    /// The package's object path on the bus.
    public var objectPath: String { path.rawValue }

    /// The WMI relative path, `SMS_TaskSequencePackage.PackageID="PS100004"`.
    public var relativePath: String { "\(ClassName.taskSequencePackage).PackageID=\"\(id)\"" }

    /// The package's sequence: the top of its step tree.
    public var sequence: SequenceHandle { SequenceHandle(package: self) }

    /// A step of the sequence, by its stable ID.
    public func step(_ stepID: Int64) -> StepHandle {
        StepHandle(client: client, packageID: id, id: stepID)
    }

    // MARK: Properties

    /// Every property, in one call.
    ///
    /// - Throws: `ProviderError.unknownObject(_:)` when there is no such package (or you may
    ///   not read it).
    public func info() throws -> PackageInfo {
        PackageInfo(try client.properties(of: ProviderInterface.package, at: path))
    }

    /// Changes one writable property.
    ///
    /// - Throws: `ProviderError.validationFailed(property:rule:)` for a value the object model
    ///   refuses (a name longer than 255 characters …).
    public func set(_ property: PackageProperty, to value: PropertyValue) throws {
        let typed = try value.dbusValue(as: property.dbusType, property: property.rawValue)
        try client.setProperty(property.rawValue, of: ProviderInterface.package, at: path, to: typed)
    }

    /// Changes several writable properties, one call each, in the order of
    /// `PackageProperty.allCases`. A failure leaves the earlier ones changed.
    public func update(_ changes: [PackageProperty: PropertyValue]) throws {
        for property in PackageProperty.allCases {
            if let value = changes[property] { try set(property, to: value) }
        }
    }

    /// Deletes the package with its sequence.
    public func delete() throws {
        _ = try client.call(path, ProviderInterface.package, "Delete")
    }

    // MARK: Sequence XML

    /// The sequence as XML (`<sequence …>`), secrets blanked.
    public func sequenceXML() throws -> String {
        try client.call(path, ProviderInterface.package, "GetSequence", timeout: client.options.transferTimeout).first?.stringValue ?? ""
    }

    /// Replaces the sequence with `xml` (a `<sequence>` document) and returns the new
    /// SourceVersion. References, Type and TaskSequenceFlags are recomputed.
    ///
    /// Pass the SourceVersion you read (`PackageInfo.sourceVersion`) as
    /// `expectingSourceVersion` so that a concurrent change is not overwritten: the call then
    /// fails with `ProviderError.conflict(expected:actual:)`. `nil` replaces whatever is there.
    ///
    /// - Throws: `ProviderError.invalidXML(line:column:message:)` for XML that does not read,
    ///   `ProviderError.validationFailed(property:rule:)` for a sequence that breaks a rule.
    @discardableResult
    public func setSequenceXML(_ xml: String, expectingSourceVersion expected: UInt32?) throws -> UInt32 {
        let reply = try client.call(
            path, ProviderInterface.package, "SetSequence", [.string(xml), .uint32(expected ?? 0)], timeout: client.options.transferTimeout)
        return reply.first.flatMap { PropertyValue($0).intValue }.flatMap { UInt32(exactly: $0) } ?? 0
    }

    /// What validation warned about when the sequence last came in whole (an import or
    /// ``setSequenceXML(_:expectingSourceVersion:)``), one line each as place, property and rule:
    /// `group[1]/step[3] "Install": Description: length 300 exceeds AllowedLen 0-255`. These are
    /// rules real ConfigMgr and MDT exports break, which the provider keeps; empty when none.
    public func importWarnings() throws -> [String] {
        ProviderClient.strings(try client.rawProperty("ImportWarnings", of: ProviderInterface.package, at: path))
    }

    // MARK: Export

    /// The package exported as XML in `format`, secrets blanked.
    public func export(format: ExportFormat = .package) throws -> String {
        let options: [String: PropertyValue] = ["format": .string(format.rawValue)]
        let reply = try client.call(path, ProviderInterface.package, "Export", [options.dbusDictionary], timeout: client.options.transferTimeout)
        return reply.first?.stringValue ?? ""
    }

    /// The package exported in `format` (`ExportFormat.package` or `ExportFormat.sequence`),
    /// `canonical`ly laid out: one element per line, indented by two spaces, so that line
    /// diffs of snapshots are readable. It imports as the same sequence. Secrets are blanked.
    public func export(format: ExportFormat, canonical: Bool) throws -> String {
        let options: [String: PropertyValue] = ["format": .string(format.rawValue), "layout": .string(canonical ? "canonical" : "faithful")]
        let reply = try client.call(path, ProviderInterface.package, "Export", [options.dbusDictionary], timeout: client.options.transferTimeout)
        return reply.first?.stringValue ?? ""
    }

    /// The package exported in `format` as bytes (`ExportData`): the zip, or a text format's
    /// UTF-8. Secrets are blanked.
    public func exportData(format: ExportFormat = .zip) throws -> Data {
        let options: [String: PropertyValue] = ["format": .string(format.rawValue)]
        let reply = try client.call(path, ProviderInterface.package, "ExportData", [options.dbusDictionary], timeout: client.options.transferTimeout)
        return ExportReply.data(reply.first)
    }

    /// Exports the package in `format` to a file, replacing it.
    ///
    /// - Throws: `ProviderError.file(path:reason:)` when the file cannot be written.
    public func export(format: ExportFormat = .package, to url: URL) throws {
        let data = format.isText ? Data(try export(format: format).utf8) : try exportData(format: format)
        try ExportReply.write(data, to: url)
    }

    // MARK: Enabling

    /// Lets the task sequence run (Enable-CMTaskSequence): TsEnabled true, ProgramFlags' DISABLED
    /// bit (0x1000) cleared.
    public func enable() throws {
        _ = try client.call(path, ProviderInterface.package, "Enable")
    }

    /// Stops the task sequence from running (Disable-CMTaskSequence): TsEnabled false,
    /// ProgramFlags' DISABLED bit (0x1000) set.
    public func disable() throws {
        _ = try client.call(path, ProviderInterface.package, "Disable")
    }

    // MARK: Icon and platforms

    /// Replaces the icon (PNG or ICO bytes); empty data clears it. IconSize follows.
    public func setIcon(_ icon: Data) throws {
        try client.setProperty("Icon", of: ProviderInterface.package, at: path, to: .bytes([UInt8](icon)))
    }

    /// Replaces SupportedOperatingSystems; every platform needs its Platform.
    public func setSupportedOperatingSystems(_ platforms: [OperatingSystemDetails]) throws {
        let value = DBusValue.array(.structure([.string, .string, .string, .string]), platforms.map {
            .structure([.string($0.maxVersion), .string($0.minVersion), .string($0.name), .string($0.platform)])
        })
        try client.setProperty("SupportedOperatingSystems", of: ProviderInterface.package, at: path, to: value)
    }
}

/// Turning `ExportData` replies into bytes and files.
enum ExportReply {
    static func data(_ value: DBusValue?) -> Data {
        switch value?.unwrappingVariant {
        case .bytes(let bytes)?: Data(bytes)
        case .array(_, let items)?: Data(items.compactMap { if case .byte(let byte) = $0 { byte } else { nil } })
        default: Data()
        }
    }

    static func write(_ data: Data, to url: URL) throws {
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw ProviderError.file(path: url.path, reason: "cannot write the file: \((error as NSError).localizedDescription)")
        }
    }
}

import DBusKit
import ProviderContract
import ProviderCore

extension Interfaces {
    /// One result of `ImportBatch`: (file, package, error name, error message, warnings).
    static let importBatchResultType = DBusType.structure([.string, .objectPath, .string, .string, .array(.string)])

    /// `ImportBatch` on the package class: many files in one call, each all or nothing.
    static func packageClassImportBatchMethods() -> [DBusInterfaceMember<ClassModel>] {
        [
            .method(DBusMethod(
                "ImportBatch",
                inputs: [DBusArgument("files", .array(.structure([.string, .string, .dictionary(key: .string, value: .variant)])), doc: """
                    One (label, data, options) per file, imported in this order: label names the file in the results (a path, \
                    say; the provider only echoes it), data is what Import takes, options are Import's (Name, PackageID).
                    """)],
                outputs: [DBusArgument("results", .array(importBatchResultType), doc: """
                    One (label, package, error, message, warnings) per file, in the order given: the new package's path, empty \
                    error and message, and what the import warned about, one line each (its ImportWarnings); or the path / \
                    with the D-Bus error name and message Import would have failed with, and no warnings.
                    """)],
                doc: """
                    Imports many files in one call, each as Import does. Needs Create on SMS_TaskSequencePackage, checked once \
                    for the call (AccessDenied, and nothing imported, without it); the caller gets Read, Modify and Delete on \
                    each new package. Each file is all or nothing: one that does not read or breaks a rule is reported in its \
                    result with the error Import gives, leaves nothing behind, and the others are still imported. Files are \
                    written in chunks of 32 files, or of the files up to 8 MiB and the one that reaches it, one transaction \
                    each; a chunk the store fails as a whole (storage \
                    full, say) reports that error for each of its files. InterfacesAdded and the change signals are sent for \
                    every package made, as for Import. An empty list returns an empty list.
                    """
            ) { model, call in
                let caller = try model.bus.caller(call.caller)
                let files = try importBatchFiles(call.arguments[0])
                let results = try model.bus.service.importPackages(files, for: caller)
                return [.array(importBatchResultType, results.map(importBatchResult))]
            }),
            .method(DBusMethod(
                "ImportBatchFd",
                inputs: [DBusArgument("files", .array(.structure([.string, .unixFD, .dictionary(key: .string, value: .variant)])), doc: """
                    One (label, fd, options) per file, imported in this order: label names the file in the results, fd is a \
                    readable file descriptor holding what ImportFd takes (a zip export included), options are Import's.
                    """)],
                outputs: [DBusArgument("results", .array(importBatchResultType), doc: "As ImportBatch's: one per file, in the order given.")],
                doc: """
                    ImportBatch for files on disk: the provider reads each passed file itself, so their contents never \
                    cross the bus (three copies and three UTF-8 checks of every byte with ImportBatch), no message size \
                    limits a batch, and zip exports go in with the rest. Rights, results and chunks as for ImportBatch; \
                    each file is read to its end when its chunk is written, up to the configured maximum (its result is \
                    LimitsExceeded beyond it, or IOError if it cannot be read). The system bus lets a message carry 16 \
                    descriptors; tsctl import sends its files this way, 16 a call.
                    """
            ) { model, call in
                let caller = try model.bus.caller(call.caller)
                let limit = model.bus.service.configuration.maxXMLBytes
                let files = try importBatchSources(call.arguments[0], limit: limit)
                let results = try model.bus.service.importPackages(reading: files, for: caller)
                return [.array(importBatchResultType, results.map(importBatchResult))]
            }),
        ]
    }

    /// The files of an `ImportBatchFd` call, each read when the service gets to it.
    private static func importBatchSources(_ value: DBusValue, limit: Int) throws -> [ImportBatchSource] {
        guard case .array(_, let entries) = value else { throw DBusError.invalidArgs("files must be a(sha{sv})") }
        return try entries.enumerated().map { index, entry in
            guard case .structure(let fields) = entry, fields.count == 3,
                  case .string(let label) = fields[0], case .unixFD(let descriptor) = fields[1] else {
                throw DBusError.invalidArgs("files[\(index)] must be (sha{sv})")
            }
            let options = try ProviderBus.importOptions(fields[2], argument: "files[\(index)] options")
            return ImportBatchSource(label: label, name: options["name"], sourcePackageID: options["packageid"]) {
                do {
                    return try FileDescriptorReader.readAll(descriptor, limit: limit)
                } catch let error as DBusError {
                    throw ProviderError.other(name: error.name, message: "\(label): \(error.message)")
                }
            }
        }
    }

    /// The files of an `ImportBatch` call.
    private static func importBatchFiles(_ value: DBusValue) throws -> [ImportBatchFile] {
        guard case .array(_, let entries) = value else { throw DBusError.invalidArgs("files must be a(ssa{sv})") }
        return try entries.enumerated().map { index, entry in
            guard case .structure(let fields) = entry, fields.count == 3,
                  case .string(let label) = fields[0], case .string(let text) = fields[1] else {
                throw DBusError.invalidArgs("files[\(index)] must be (ssa{sv})")
            }
            let options = try ProviderBus.importOptions(fields[2], argument: "files[\(index)] options")
            return ImportBatchFile(label: label, text: text, name: options["name"], sourcePackageID: options["packageid"])
        }
    }

    /// A file's result as the reply carries it.
    private static func importBatchResult(_ result: ImportBatchResult) -> DBusValue {
        let path = result.packageID.map { ProviderPath.path(of: .package($0)) } ?? ObjectPath.root
        let error = result.error.map(\.dbusError)
        return .structure([
            .string(result.label), .objectPath(path), .string(error?.name ?? ""), .string(error?.message ?? ""),
            .array(.string, result.warnings.map(DBusValue.string)),
        ])
    }
}

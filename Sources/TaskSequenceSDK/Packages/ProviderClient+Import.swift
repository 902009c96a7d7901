import DBusKit
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How an import names its package.
public struct ImportOptions: Sendable, Hashable {
    /// The new package's name; `nil` keeps the name the file carries (or the sequence's).
    public var name: String?
    /// Which package of a ConfigMgr `.zip` export holding several to import (its PackageID at
    /// the exporting site); `nil` for files that hold one.
    public var sourcePackageID: String?

    /// Options; the defaults keep the file's name and expect one package.
    public init(name: String? = nil, sourcePackageID: String? = nil) {
        self.name = name
        self.sourcePackageID = sourcePackageID
    }

    var dbusValue: DBusValue {
        var options: [String: PropertyValue] = [:]
        if let name { options["Name"] = .string(name) }
        if let sourcePackageID { options["PackageID"] = .string(sourcePackageID) }
        return options.dbusDictionary
    }
}

extension ProviderClient {
    /// Payloads at most this large, valid UTF-8 and not a zip, travel inside the message
    /// (`Import`); anything else through a pipe (`ImportFd`).
    static let inlineImportLimit = 4 << 20

    /// Checks a sequence as an import would, without storing anything (`ValidateSequence`):
    /// its canonical XML (secrets blanked) and what an import of it would warn about, one line
    /// each.
    ///
    /// - Throws: `ProviderError.invalidXML(line:column:message:)` for XML that does not read,
    ///   `ProviderError.validationFailed(property:rule:)` listing every broken rule that even
    ///   an import refuses.
    public func validateSequence(xml: String) throws -> (xml: String, warnings: [String]) {
        let reply = try call(
            ProviderPaths.classObject(ClassName.taskSequencePackage), ProviderInterface.packageClass, "ValidateSequence",
            [.string(xml)], timeout: self.options.transferTimeout)
        return (reply.first?.unwrappingVariant.stringValue ?? "", Self.strings(reply.count > 1 ? reply[1] : nil))
    }

    /// The strings of an `as` reply value.
    static func strings(_ value: DBusValue?) -> [String] {
        guard case .array(_, let values)? = value?.unwrappingVariant else { return [] }
        return values.compactMap { if case .string(let text) = $0.unwrappingVariant { text } else { nil } }
    }

    /// Imports a task sequence given as text — a bare `<sequence>`, a ConfigMgr 2007
    /// `<SmsTaskSequencePackage>`, a 2012+ `object.xml` or an MDT `ts.xml` — as a new package.
    ///
    /// - Throws: `ProviderError.invalidXML(line:column:message:)` for XML that does not read,
    ///   `ProviderError.validationFailed(property:rule:)` for a sequence that breaks a rule.
    public func importPackage(xml: String, options: ImportOptions = ImportOptions()) throws -> PackageHandle {
        if xml.utf8.count > Self.inlineImportLimit { return try importPackage(data: Data(xml.utf8), options: options) }
        let reply = try call(
            ProviderPaths.classObject(ClassName.taskSequencePackage), ProviderInterface.packageClass, "Import",
            [.string(xml), options.dbusValue], timeout: self.options.transferTimeout)
        return try handle(forPackagePath: reply.first)
    }

    /// Imports a task sequence given as bytes: any text form ``importPackage(xml:options:)``
    /// takes (in any encoding the XML declares) or a ConfigMgr `.zip` export. Large payloads and
    /// zips go through a pipe (`ImportFd`), so no message size limit applies.
    public func importPackage(data: Data, options: ImportOptions = ImportOptions()) throws -> PackageHandle {
        let isZip = data.starts(with: [0x50, 0x4B, 0x03, 0x04])
        if !isZip, data.count <= Self.inlineImportLimit, let text = String(data: data, encoding: .utf8), !text.utf8.contains(0) {
            return try importPackage(xml: text, options: options)
        }
        let pipe = try PipeFeed(data)
        return try importPackage(descriptor: pipe.readEnd, options: options)
    }

    /// Imports the file at `url` — any form ``importPackage(data:options:)`` takes, `.zip`
    /// exports included. The provider reads the open file itself (`ImportFd`), so large files
    /// cost no copy through the bus.
    ///
    /// - Throws: `ProviderError.file(path:reason:)` when the file cannot be opened.
    public func importPackage(contentsOf url: URL, options: ImportOptions = ImportOptions()) throws -> PackageHandle {
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ProviderError.file(path: url.path, reason: "cannot open the file: \(String(cString: strerror(errno)))")
        }
        var status = stat()
        if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            throw ProviderError.file(path: url.path, reason: "is a directory, not a task sequence file")
        }
        return try importPackage(descriptor: UnixFileDescriptor(takingOwnershipOf: descriptor), options: options)
    }

    /// Imports whatever can be read from `descriptor` (a file, a pipe or a socket) to its end.
    /// The descriptor is duplicated into the message; yours stays open.
    public func importPackage(fileDescriptor descriptor: Int32, options: ImportOptions = ImportOptions()) throws -> PackageHandle {
        let copy: UnixFileDescriptor
        do {
            copy = try UnixFileDescriptor(duplicating: descriptor)
        } catch {
            throw ProviderError.invalidArguments("file descriptor \(descriptor) cannot be passed: \(ProviderError(converting: error).message)")
        }
        return try importPackage(descriptor: copy, options: options)
    }

    private func importPackage(descriptor: UnixFileDescriptor, options: ImportOptions) throws -> PackageHandle {
        let reply = try call(
            ProviderPaths.classObject(ClassName.taskSequencePackage), ProviderInterface.packageClass, "ImportFd",
            [.unixFD(descriptor), options.dbusValue], timeout: self.options.transferTimeout)
        return try handle(forPackagePath: reply.first)
    }
}

/// A pipe whose write end a background thread fills with bytes and then closes, so the
/// provider can read a payload of any size while the call waits for its reply.
private final class PipeFeed: Sendable {
    let readEnd: UnixFileDescriptor

    init(_ data: Data) throws {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else {
            throw ProviderError.other(name: "org.freedesktop.DBus.Error.Failed", message: "cannot make a pipe: \(String(cString: strerror(errno)))")
        }
        _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        readEnd = UnixFileDescriptor(takingOwnershipOf: ends[0])
        let writeEnd = ends[1]
        // libdbus ignores SIGPIPE, so a reader that stops early makes write fail with EPIPE
        // rather than end this process.
        Thread.detachNewThread {
            data.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count, let base = buffer.baseAddress {
                    let written = write(writeEnd, base + offset, buffer.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        break
                    }
                    offset += written
                }
            }
            close(writeEnd)
        }
    }
}

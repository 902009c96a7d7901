import Foundation
internal import ZIPFoundation
import TaskSequenceModel

/// Writes the zip `Export-CMTaskSequence` writes: one `SMS_TaskSequencePackage/<PackageID>/object.xml`
/// per package (the layout ``TaskSequenceReader`` reads, and that of the corpus's exports),
/// deflated. Content and dependencies are not exported: the provider keeps no content.
public struct ZipExportWriter: Sendable {
    public var writer: TaskSequenceWriter
    public var server: String

    public init(writer: TaskSequenceWriter = TaskSequenceWriter(form: .export), server: String = "TSPROVIDER") {
        self.writer = writer
        self.server = server
    }

    /// The member path of a package's `object.xml`.
    public static func memberPath(of packageID: String) -> String {
        "SMS_TaskSequencePackage/\(packageID)/object.xml"
    }

    /// One zip holding every package, in the order given. Two packages with one PackageID are
    /// refused.
    public func archive(_ packages: [(sequence: TaskSequence, properties: PackageProperties)]) throws(XMLCodecError) -> Data {
        var members: [(String, Data)] = []
        var seen: Set<String> = []
        for package in packages {
            guard seen.insert(package.properties.packageID.uppercased()).inserted else {
                throw .unwritable(path: Self.memberPath(of: package.properties.packageID), reason: "two packages have PackageID \(package.properties.packageID)")
            }
            let xml = try writer.objectXML(package.sequence, properties: package.properties, server: server)
            members.append((Self.memberPath(of: package.properties.packageID), Data(xml.utf8)))
        }
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            for (path, data) in members {
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                     modificationDate: Date(timeIntervalSince1970: 1_704_067_200), compressionMethod: .deflate) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let bytes = archive.data else { throw XMLCodecError.unwritable(path: "/", reason: "the zip archive was not kept in memory") }
            return bytes
        } catch let error as XMLCodecError {
            throw error
        } catch {
            throw .unwritable(path: "/", reason: "the zip archive cannot be written (\(error))")
        }
    }
}

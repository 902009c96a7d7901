import Foundation
internal import ZIPFoundation

/// Reads ConfigMgr 2012+ zip exports: every `SMS_TaskSequencePackage/<PackageID>/object.xml`
/// in the archive, and in zips inside it.
struct ZipExportReader {
    let reader: TaskSequenceReader

    /// Whether `data` starts like a zip archive (a local file header or an empty archive).
    static func isZip<Bytes: Collection<UInt8>>(_ data: Bytes) -> Bool {
        let start = Array(data.prefix(4))
        guard start.count == 4, start[0] == 0x50, start[1] == 0x4B else { return false }
        return (start[2] == 3 && start[3] == 4) || (start[2] == 5 && start[3] == 6)
    }

    func documents(in data: Data, nesting: Int) throws(XMLCodecError) -> [TaskSequenceDocument] {
        let limits = reader.limits
        guard data.count <= limits.maximumBytes else { throw .tooLarge(limit: limits.maximumBytes, size: data.count) }
        guard nesting <= limits.maximumArchiveNesting else {
            throw .invalidArchive("zips are nested more than \(limits.maximumArchiveNesting) deep; expected an export and the zips it holds")
        }
        let archive = try ArchiveFile.open(data)
        let bytes = ZipBytes(data)
        let records = ZipCentralDirectory(of: bytes).records

        var documents: [TaskSequenceDocument] = []
        for (index, entry) in archive.enumerated() where entry.type == .file {
            let path = entry.path
            let isPackage = Self.isTaskSequenceObject(path)
            let isNestedZip = path.lowercased().hasSuffix(".zip")
            guard isPackage || isNestedZip else { continue }
            do {
                let record = index < records.count ? records[index] : nil
                let member = try extract(entry, record: record, from: bytes)
                if isPackage {
                    for var document in try reader.documents(from: member, archiveNesting: nesting + 1) {
                        document.format = .zip
                        document.archiveMember = path
                        documents.append(document)
                    }
                } else {
                    for var document in try reader.documents(from: member, archiveNesting: nesting + 1) {
                        document.archiveMember = path + "/" + (document.archiveMember ?? "")
                        documents.append(document)
                    }
                }
            } catch {
                throw error.inArchiveMember(path)
            }
        }
        if nesting == 0 && documents.isEmpty {
            throw .invalidArchive("the zip archive holds no SMS_TaskSequencePackage/<PackageID>/object.xml; expected a ConfigMgr task sequence export")
        }
        return documents
    }

    /// `…/SMS_TaskSequencePackage/<PackageID>/object.xml`, in any case. Backslashes count as
    /// separators too: .NET Framework 4.5's ZipFile wrote them.
    static func isTaskSequenceObject(_ path: String) -> Bool {
        let parts = path.split(omittingEmptySubsequences: true) { $0 == "/" || $0 == "\\" }
        guard parts.count >= 3 else { return false }
        return parts[parts.count - 1].lowercased() == "object.xml"
            && parts[parts.count - 3].lowercased() == ObjectXMLReader.packageClass.lowercased()
    }

    /// The entry's bytes, refusing to inflate more than the size limit (zip bombs). ZIPFoundation
    /// lists the entries; ``ZipEntryInflater`` unpacks them, as ZIPFoundation's own inflate can
    /// loop forever on a damaged stream.
    private func extract(_ entry: Entry, record: ZipCentralDirectory.Record?, from archive: ZipBytes) throws(XMLCodecError) -> Data {
        let limit = reader.limits.maximumBytes
        guard entry.uncompressedSize <= UInt64(limit) else {
            throw .tooLarge(limit: limit, size: Int(clamping: entry.uncompressedSize))
        }
        // A compressed size beyond the archive's own is a damaged header: refused before inflating.
        guard entry.compressedSize <= UInt64(archive.count) else {
            throw .invalidArchive("\(entry.path) claims \(entry.compressedSize) compressed bytes in an archive of \(archive.count) bytes; the archive is damaged")
        }
        // The record read alongside ZIPFoundation must be this entry's: the names, decoded the
        // same way, agree.
        guard let record, entry.path(using: .utf8) == String(data: record.nameData, encoding: .utf8) ?? "" else {
            throw .invalidArchive("entry \(entry.path): its central directory record cannot be found; the archive is damaged")
        }
        let inflater = ZipEntryInflater(archive: archive)
        return try inflater.contents(of: ZipEntryInflater.Entry(
            path: entry.path, localHeaderOffset: record.localHeaderOffset,
            compressedSize: entry.compressedSize, uncompressedSize: entry.uncompressedSize, checksum: entry.checksum))
    }
}

extension XMLCodecError {
    /// The error placed inside the archive member it came from (nested members are joined).
    func inArchiveMember(_ member: String) -> XMLCodecError {
        if case .inArchiveMember(let inner, let error) = self { return .inArchiveMember(member + "/" + inner, error) }
        return .inArchiveMember(member, self)
    }
}

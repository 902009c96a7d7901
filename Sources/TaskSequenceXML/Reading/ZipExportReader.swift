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

        var documents: [TaskSequenceDocument] = []
        for entry in archive where entry.type == .file {
            let path = entry.path
            let isPackage = Self.isTaskSequenceObject(path)
            let isNestedZip = path.lowercased().hasSuffix(".zip")
            guard isPackage || isNestedZip else { continue }
            do {
                let member = try extract(entry, from: archive, archiveSize: data.count)
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

    /// The entry's bytes, refusing to inflate more than the size limit (zip bombs).
    private func extract(_ entry: Entry, from archive: Archive, archiveSize: Int) throws(XMLCodecError) -> Data {
        let limit = reader.limits.maximumBytes
        guard entry.uncompressedSize <= UInt64(limit) else {
            throw .tooLarge(limit: limit, size: Int(clamping: entry.uncompressedSize))
        }
        // A compressed size beyond the archive's own is a damaged header: refused before inflating.
        guard entry.compressedSize <= UInt64(archiveSize) else {
            throw .invalidArchive("\(entry.path) claims \(entry.compressedSize) compressed bytes in an archive of \(archiveSize) bytes; the archive is damaged")
        }
        var data = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                guard data.count + chunk.count <= limit else { throw XMLCodecError.tooLarge(limit: limit, size: data.count + chunk.count) }
                data.append(chunk)
            }
        } catch let error as XMLCodecError {
            throw error
        } catch {
            throw .invalidArchive("\(entry.path) cannot be unpacked (\(error))")
        }
        return data
    }
}

extension XMLCodecError {
    /// The error placed inside the archive member it came from (nested members are joined).
    func inArchiveMember(_ member: String) -> XMLCodecError {
        if case .inArchiveMember(let inner, let error) = self { return .inArchiveMember(member + "/" + inner, error) }
        return .inArchiveMember(member, self)
    }
}

import Foundation

/// Where each entry of a zip archive starts, read from its central directory in the order
/// ZIPFoundation lists the entries: ZIPFoundation keeps the local header offset to itself, and
/// ``ZipEntryInflater`` needs it to read an entry's bytes without ZIPFoundation's inflate loop.
/// It follows ZIPFoundation's own lookup (the last end-of-central-directory record, the ZIP64
/// record just before it when present, the ZIP64 extra field for large offsets), so record `i`
/// is entry `i`; the reader still checks the names agree before using an offset.
struct ZipCentralDirectory {
    /// One central directory record: the entry's name as stored, and where its local header is.
    struct Record {
        let nameData: Data
        let localHeaderOffset: UInt64
    }

    let records: [Record]

    private static let endSignature: UInt32 = 0x0605_4B50
    private static let endSize = 22
    private static let zip64LocatorSignature: UInt32 = 0x0706_4B50
    private static let zip64LocatorSize = 20
    private static let zip64EndSignature: UInt32 = 0x0606_4B50
    private static let zip64EndSize = 56
    private static let recordSignature: UInt32 = 0x0201_4B50
    private static let recordSize = 46
    private static let zip64ExtraFieldID: UInt16 = 0x0001

    /// The records that can be read; reading stops at the first damaged one, as ZIPFoundation's
    /// listing does.
    init(of archive: ZipBytes) {
        records = Self.readRecords(of: archive)
    }

    private static func readRecords(of archive: ZipBytes) -> [Record] {
        var records: [Record] = []
        guard let end = Self.endRecordOffset(in: archive),
              let declaredCount = archive.uint16(at: end + 10),
              var position = Self.centralDirectoryStart(in: archive, endRecordOffset: end) else { return records }
        let count = Self.zip64End(in: archive, endRecordOffset: end).flatMap { archive.uint64(at: $0 + 32) } ?? UInt64(declaredCount)
        while UInt64(records.count) < count,
              archive.uint32(at: position) == Self.recordSignature,
              let nameLength = archive.uint16(at: position + 28).map(Int.init),
              let extraLength = archive.uint16(at: position + 30).map(Int.init),
              let commentLength = archive.uint16(at: position + 32).map(Int.init),
              let compressedSize = archive.uint32(at: position + 20),
              let uncompressedSize = archive.uint32(at: position + 24),
              let offset32 = archive.uint32(at: position + 42),
              let name = archive.bytes(at: position + Self.recordSize, count: nameLength),
              let extra = archive.bytes(at: position + Self.recordSize + nameLength, count: extraLength) {
            var offset = UInt64(offset32)
            if offset32 == .max {
                // ZIP64: the extra field holds, in order, only the sizes and offset that overflowed.
                let skipped = (uncompressedSize == .max ? 8 : 0) + (compressedSize == .max ? 8 : 0)
                guard let large = Self.zip64Field(in: ZipBytes(extra), skipping: skipped) else { return records }
                offset = large
            }
            records.append(Record(nameData: name, localHeaderOffset: offset))
            position += Self.recordSize + nameLength + extraLength + commentLength
        }
        return records
    }

    /// The last end-of-central-directory signature, searched backwards from the end as
    /// ZIPFoundation does.
    private static func endRecordOffset(in archive: ZipBytes) -> Int? {
        var offset = archive.count - endSize
        while offset >= 0 {
            if archive.uint32(at: offset) == endSignature { return offset }
            offset -= 1
        }
        return nil
    }

    /// The ZIP64 end record ZIPFoundation uses: at a fixed place before the locator that
    /// precedes the end record.
    private static func zip64End(in archive: ZipBytes, endRecordOffset: Int) -> Int? {
        let locator = endRecordOffset - zip64LocatorSize
        let record = locator - zip64EndSize
        guard record > 0, archive.uint32(at: locator) == zip64LocatorSignature,
              archive.uint32(at: record) == zip64EndSignature else { return nil }
        return record
    }

    private static func centralDirectoryStart(in archive: ZipBytes, endRecordOffset: Int) -> Int? {
        if let zip64 = zip64End(in: archive, endRecordOffset: endRecordOffset) {
            return archive.uint64(at: zip64 + 48).flatMap { Int(exactly: $0) }
        }
        return archive.uint32(at: endRecordOffset + 16).map(Int.init)
    }

    /// The 8-byte value `skipped` bytes into the ZIP64 extended information extra field.
    private static func zip64Field(in extra: ZipBytes, skipping skipped: Int) -> UInt64? {
        var position = 0
        while let id = extra.uint16(at: position), let size = extra.uint16(at: position + 2).map(Int.init) {
            if id == zip64ExtraFieldID {
                guard skipped + 8 <= size else { return nil }
                return extra.uint64(at: position + 4 + skipped)
            }
            position += 4 + size
        }
        return nil
    }
}

/// Bounds-checked little-endian reads from a zip archive's bytes: every read past the end
/// gives nil instead of trapping, as the bytes come from the caller.
struct ZipBytes {
    private let data: Data

    init(_ data: Data) {
        self.data = data
    }

    var count: Int { data.count }

    func bytes(at offset: Int, count: Int) -> Data? {
        guard offset >= 0, count >= 0, offset <= data.count - count else { return nil }
        let start = data.startIndex + offset
        return data.subdata(in: start..<start + count)
    }

    func uint16(at offset: Int) -> UInt16? { integer(at: offset, size: 2).map { UInt16(truncatingIfNeeded: $0) } }
    func uint32(at offset: Int) -> UInt32? { integer(at: offset, size: 4).map { UInt32(truncatingIfNeeded: $0) } }
    func uint64(at offset: Int) -> UInt64? { integer(at: offset, size: 8) }

    private func integer(at offset: Int, size: Int) -> UInt64? {
        guard offset >= 0, offset <= data.count - size else { return nil }
        var value: UInt64 = 0
        for index in (0..<size).reversed() {
            value = value << 8 | UInt64(data[data.startIndex + offset + index])
        }
        return value
    }

    /// Runs `body` over `count` bytes from `offset`, or returns nil when they are not all there.
    func withBytes<Result>(at offset: Int, count: Int, _ body: (UnsafeRawBufferPointer) throws(XMLCodecError) -> Result) throws(XMLCodecError) -> Result? {
        guard offset >= 0, count >= 0, offset <= data.count - count else { return nil }
        let start = data.startIndex + offset
        let result: Swift.Result<Result, XMLCodecError> = data[start..<start + count].withUnsafeBytes { buffer in
            do throws(XMLCodecError) { return .success(try body(buffer)) } catch { return .failure(error) }
        }
        return try result.get()
    }
}

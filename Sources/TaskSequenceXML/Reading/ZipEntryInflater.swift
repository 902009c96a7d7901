import CZlibInflate
import Foundation

/// Unpacks one zip entry from the archive's bytes with a loop that always ends: ZIPFoundation
/// 0.9.20's inflate keeps reading empty chunks past the end of a damaged deflate stream and
/// never returns (found by `make fuzz`). Here the compressed bytes are exactly the entry's, and
/// unpacking stops with an error when they run out before the stream ends, when the output
/// passes the declared size, or when inflate makes no progress; the CRC-32 is checked.
struct ZipEntryInflater {
    /// What the central directory says about the entry.
    struct Entry {
        let path: String
        let localHeaderOffset: UInt64
        let compressedSize: UInt64
        let uncompressedSize: UInt64
        let checksum: UInt32
    }

    private static let localHeaderSignature: UInt32 = 0x0403_4B50
    private static let localHeaderSize = 30
    private static let stored: UInt16 = 0
    private static let deflated: UInt16 = 8
    private static let outputChunk = 64 << 10

    let archive: ZipBytes

    /// The entry's bytes. The caller has checked `uncompressedSize` against its size limit.
    func contents(of entry: Entry) throws(XMLCodecError) -> Data {
        let header = Int(clamping: entry.localHeaderOffset)
        guard archive.uint32(at: header) == Self.localHeaderSignature,
              let method = archive.uint16(at: header + 8),
              let nameLength = archive.uint16(at: header + 26),
              let extraLength = archive.uint16(at: header + 28) else {
            throw damaged(entry, "its local header at offset \(entry.localHeaderOffset) is missing or cut short")
        }
        let start = header + Self.localHeaderSize + Int(nameLength) + Int(extraLength)
        let data: Data
        switch method {
        case Self.stored:
            let size = Int(clamping: entry.uncompressedSize)
            guard let bytes = archive.bytes(at: start, count: size) else {
                throw damaged(entry, "its \(size) stored bytes run past the end of the archive")
            }
            data = bytes
        case Self.deflated:
            let size = Int(clamping: entry.compressedSize)
            let inflated = try archive.withBytes(at: start, count: size) { (input) throws(XMLCodecError) -> Data in
                try inflate(input, of: entry)
            }
            guard let inflated else { throw damaged(entry, "its \(size) compressed bytes run past the end of the archive") }
            data = inflated
        default:
            throw damaged(entry, "it uses compression method \(method); expected stored (0) or deflate (8)", isDamage: false)
        }
        guard UInt64(data.count) == entry.uncompressedSize else {
            throw damaged(entry, "it unpacks to \(data.count) bytes, not the \(entry.uncompressedSize) its header declares")
        }
        let checksum = data.withUnsafeBytes { buffer in
            UInt32(truncatingIfNeeded: crc32_z(0, buffer.bindMemory(to: Bytef.self).baseAddress, buffer.count))
        }
        guard checksum == entry.checksum else {
            throw damaged(entry, "its CRC-32 is \(Self.hex(checksum)), not the \(Self.hex(entry.checksum)) its header declares")
        }
        return data
    }

    /// Inflates a raw deflate stream. Each pass either consumes input, produces output (at most
    /// the declared size plus one chunk) or throws, so the loop ends.
    private func inflate(_ input: UnsafeRawBufferPointer, of entry: Entry) throws(XMLCodecError) -> Data {
        var stream = z_stream()
        guard tsp_inflateInitRaw(&stream) == Z_OK else {
            throw damaged(entry, "zlib cannot start inflating it (out of memory)", isDamage: false)
        }
        defer { inflateEnd(&stream) }
        guard input.count <= Int(UInt32.max) else {
            throw damaged(entry, "it claims \(input.count) compressed bytes, more than a deflate stream here may hold", isDamage: false)
        }
        stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
        stream.avail_in = UInt32(input.count)

        var output = Data()
        output.reserveCapacity(Int(clamping: entry.uncompressedSize))  // the caller bounded it by its size limit
        var chunk = [Bytef](repeating: 0, count: Self.outputChunk)
        while true {
            let availableBefore = stream.avail_in
            let (result, produced) = chunk.withUnsafeMutableBufferPointer { buffer -> (Int32, Int) in
                stream.next_out = buffer.baseAddress
                stream.avail_out = UInt32(buffer.count)
                let result = CZlibInflate.inflate(&stream, Z_NO_FLUSH)
                return (result, buffer.count - Int(stream.avail_out))
            }
            output.append(contentsOf: chunk[0..<produced])
            guard UInt64(output.count) <= entry.uncompressedSize else {
                throw damaged(entry, "it inflates to more than the \(entry.uncompressedSize) bytes its header declares")
            }
            switch result {
            case Z_STREAM_END:
                return output
            case Z_OK, Z_BUF_ERROR:
                guard produced == 0 && stream.avail_in == availableBefore else { continue }
                if stream.avail_in == 0 {
                    throw damaged(entry, "the compressed data ends before its deflate stream does")
                }
                throw damaged(entry, "inflating its deflate stream makes no progress")
            case Z_MEM_ERROR:
                throw damaged(entry, "zlib ran out of memory inflating it", isDamage: false)
            default:
                let reason = stream.msg.map { String(cString: $0) } ?? "error \(result)"
                throw damaged(entry, "its deflate stream is invalid (\(reason))")
            }
        }
    }

    private func damaged(_ entry: Entry, _ what: String, isDamage: Bool = true) -> XMLCodecError {
        .invalidArchive("entry \(entry.path): \(what)" + (isDamage ? "; the archive is damaged" : ""))
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }
}

import Foundation
import TaskSequenceXML
import Testing
import TestSupport

/// How zip entries are unpacked (ZipEntryInflater): stored and deflated entries read alike, and
/// an entry whose header disagrees with its data is refused with the exact error.
@Suite struct ZipEntryTests {
    let reader = TaskSequenceReader()
    static let member = "SMS_TaskSequencePackage/PS100294/object.xml"

    /// export-single.zip, with the central directory record of `member` found.
    struct SingleExport {
        var bytes: [UInt8]
        let centralRecord: Int
        let localHeader: Int

        init() throws {
            bytes = Array(try Fixtures.data("export-single.zip", in: Fixtures.containers))
            let name = Array(ZipEntryTests.member.utf8)
            centralRecord = try #require(Self.offset(of: [0x50, 0x4B, 0x01, 0x02], followedAtName: 46, by: name, in: bytes))
            localHeader = try #require(Self.offset(of: [0x50, 0x4B, 0x03, 0x04], followedAtName: 30, by: name, in: bytes))
        }

        static func offset(of signature: [UInt8], followedAtName nameOffset: Int, by name: [UInt8], in bytes: [UInt8]) -> Int? {
            (0..<(bytes.count - nameOffset - name.count)).first { index in
                Array(bytes[index..<index + 4]) == signature && Array(bytes[index + nameOffset..<index + nameOffset + name.count]) == name
            }
        }

        func uint32(at offset: Int) -> UInt32 {
            (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) }
        }

        mutating func set(_ value: UInt32, at offset: Int) {
            for index in 0..<4 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * index)) }
        }

        mutating func set(_ value: UInt16, at offset: Int) {
            for index in 0..<2 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * index)) }
        }

        var data: Data { Data(bytes) }
    }

    func refusal(_ data: Data) -> XMLCodecError? {
        do {
            _ = try reader.documents(from: data)
            return nil
        } catch {
            return error
        }
    }

    func damaged(_ what: String) -> XMLCodecError {
        .inArchiveMember(Self.member, .invalidArchive("entry \(Self.member): \(what); the archive is damaged"))
    }

    @Test func aStoredEntryReadsLikeADeflatedOne() throws {
        let stored = try reader.document(from: Fixtures.data("export-stored.zip", in: Fixtures.containers))
        let deflated = try reader.document(from: Fixtures.data("export-single.zip", in: Fixtures.containers))
        #expect(stored.archiveMember == Self.member)
        #expect(stored.package == deflated.package)
        #expect(stored.sequence == deflated.sequence)
    }

    @Test func aWrongChecksumIsRefused() throws {
        var export = try SingleExport()
        let actual = export.uint32(at: export.centralRecord + 16)
        export.set(actual ^ 0xFFFF_FFFF, at: export.centralRecord + 16)
        #expect(refusal(export.data) == damaged(
            "its CRC-32 is \(String(format: "0x%08x", actual)), not the \(String(format: "0x%08x", actual ^ 0xFFFF_FFFF)) its header declares"))
    }

    @Test func aDeclaredSizeLargerThanTheDataIsRefused() throws {
        var export = try SingleExport()
        let size = export.uint32(at: export.centralRecord + 24)
        export.set(size + 1, at: export.centralRecord + 24)
        #expect(refusal(export.data) == damaged("it unpacks to \(size) bytes, not the \(size + 1) its header declares"))
    }

    @Test func compressedDataCutShortIsRefused() throws {
        var export = try SingleExport()
        let compressed = export.uint32(at: export.centralRecord + 20)
        export.set(compressed / 2, at: export.centralRecord + 20)
        #expect(refusal(export.data) == damaged("the compressed data ends before its deflate stream does"))
    }

    @Test func anUnsupportedCompressionMethodIsRefused() throws {
        var export = try SingleExport()
        export.set(UInt16(12), at: export.localHeader + 8)  // bzip2
        #expect(refusal(export.data) == .inArchiveMember(Self.member, .invalidArchive(
            "entry \(Self.member): it uses compression method 12; expected stored (0) or deflate (8)")))
    }

    @Test func anInvalidDeflateStreamIsRefused() throws {
        var export = try SingleExport()
        let dataStart = export.localHeader + 30 + Self.member.utf8.count
            + Int(export.bytes[export.localHeader + 28]) + Int(export.bytes[export.localHeader + 29]) << 8
        export.bytes[dataStart] = 0xFF  // block type 3: reserved
        #expect(refusal(export.data) == damaged("its deflate stream is invalid (invalid block type)"))
    }
}

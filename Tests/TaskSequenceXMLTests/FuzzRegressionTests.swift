import Foundation
import TaskSequenceXML
import Testing
import TestSupport

/// Inputs `make fuzz` found that trapped or hung the reader, kept in
/// Tests/Fixtures/fuzz-regressions/<target>/: each must now be refused with a clean error.
@Suite struct FuzzRegressionTests {
    static let directory = Fixtures.root.appendingPathComponent("fuzz-regressions")

    static func inputs(_ target: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent(target).path)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted()
    }

    static func refusal(_ target: String, _ name: String) throws -> XMLCodecError? {
        let data = try Fixtures.data(name, in: directory.appendingPathComponent(target))
        do {
            _ = try TaskSequenceReader().documents(from: data)
            return nil
        } catch {
            return error
        }
    }

    @Test func everyKeptZipInputHasItsTest() {
        #expect(Self.inputs("zip") == [
            "deflate-stream-without-an-end-2.zip", "deflate-stream-without-an-end.zip", "entry-offset-past-the-end.zip",
        ])
    }

    static let bitLockerMember = "SMS_TaskSequencePackage/PS100294/object.xml"

    /// ZIPFoundation's inflate looped forever reading empty chunks past the end of a deflate
    /// stream that never ends; the entry's compressed bytes now run out and the read stops.
    @Test func aDeflateStreamWithoutAnEndIsRefusedNotAHang() throws {
        let error = try #require(try Self.refusal("zip", "deflate-stream-without-an-end.zip"))
        #expect(error == .inArchiveMember(Self.bitLockerMember, .invalidArchive(
            "entry \(Self.bitLockerMember): the compressed data ends before its deflate stream does; the archive is damaged")))
    }

    /// The second input of that hang: its damaged stream inflates past the declared size first.
    @Test func aDeflateStreamThatOverrunsItsDeclaredSizeIsRefusedNotAHang() throws {
        let error = try #require(try Self.refusal("zip", "deflate-stream-without-an-end-2.zip"))
        #expect(error == .inArchiveMember(Self.bitLockerMember, .invalidArchive(
            "entry \(Self.bitLockerMember): it inflates to more than the 30718 bytes its header declares; the archive is damaged")))
    }

    /// ZIPFoundation's in-memory archive trapped on an entry whose offset lies past the end of
    /// the data; read from a file, that entry is unreadable and the archive holds no package.
    @Test func anEntryOffsetPastTheEndIsRefusedNotATrap() throws {
        let error = try #require(try Self.refusal("zip", "entry-offset-past-the-end.zip"))
        #expect(error == .invalidArchive(
            "the zip archive holds no SMS_TaskSequencePackage/<PackageID>/object.xml; expected a ConfigMgr task sequence export"))
    }
}

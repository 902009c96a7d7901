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
        #expect(Self.inputs("zip") == ["compressed-size-beyond-the-archive.zip", "entry-offset-past-the-end.zip"])
    }

    /// ZIPFoundation's in-memory archive trapped on an entry whose offset lies past the end of
    /// the data; the reader now reads archives from a file, where that is a short read.
    @Test func anEntryOffsetPastTheEndIsADamagedArchive() throws {
        let error = try #require(try Self.refusal("zip", "entry-offset-past-the-end.zip"))
        guard case .invalidArchive(let message) = error.rootCause else {
            Issue.record("expected invalidArchive, got \(error)")
            return
        }
        #expect(message.contains("cannot be unpacked") || message.contains("cannot be read"), "\(message)")
    }

    /// A central directory claiming 4 GiB of compressed data had the reader inflate empty
    /// chunks for minutes; now refused before reading.
    @Test func aCompressedSizeBeyondTheArchiveIsADamagedArchive() throws {
        let error = try #require(try Self.refusal("zip", "compressed-size-beyond-the-archive.zip"))
        guard case .inArchiveMember(let member, .invalidArchive(let message)) = error else {
            Issue.record("expected invalidArchive inside a member, got \(error)")
            return
        }
        #expect(member.hasSuffix("object.xml"))
        #expect(message.contains("compressed bytes in an archive of 6069 bytes; the archive is damaged"), "\(message)")
    }
}

import DBusKit
import Foundation
import ProviderContract
import Testing
@testable import ProviderDBus
#if canImport(Glibc)
import Glibc
#endif

/// What `ImportFd` and `ImportBatchFd` read from a passed descriptor: a pipe to its end, a
/// regular file in one read of its size (and one that says it is empty but is not, as /proc's
/// files do), a limit, and a pipe whose writer neither writes nor closes, which must not hold
/// the daemon.
@Suite struct FileDescriptorReaderTests {
    private static func pipeEnds() throws -> (read: UnixFileDescriptor, write: Int32) {
        var ends: [Int32] = [-1, -1]
        try #require(pipe(&ends) == 0)
        return (UnixFileDescriptor(takingOwnershipOf: ends[0]), ends[1])
    }

    @Test func aPipeIsReadToItsEnd() throws {
        let (readEnd, writeEnd) = try Self.pipeEnds()
        let payload = Array("<sequence version=\"3.10\"/>".utf8)
        #expect(write(writeEnd, payload, payload.count) == payload.count)
        close(writeEnd)
        #expect(try FileDescriptorReader.readAll(readEnd, limit: 1 << 20) == Data(payload))
    }

    private static func opened(_ path: String) throws -> UnixFileDescriptor {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        try #require(descriptor >= 0, "cannot open \(path)")
        return UnixFileDescriptor(takingOwnershipOf: descriptor)
    }

    @Test(arguments: [0, 1, 4_095, 70_000])
    func aRegularFileIsReadWhole(size: Int) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fd-reader-\(getpid())-\(size)").path
        defer { unlink(path) }
        let payload = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 * 7) })
        try payload.write(to: URL(fileURLWithPath: path))
        #expect(try FileDescriptorReader.readAll(try Self.opened(path), limit: 1 << 20) == payload)
        #expect(try FileDescriptorReader.readAll(try Self.opened(path), limit: size) == payload)
        if size > 0 {
            #expect(throws: ProviderError.self) { try FileDescriptorReader.readAll(try Self.opened(path), limit: size - 1) }
        }
    }

    @Test func aFileLargerThanItsSizeSaysIsReadToItsEnd() throws {
        // /proc/self/maps is a regular file of size 0 with lines in it.
        let read = try FileDescriptorReader.readAll(try Self.opened("/proc/self/maps"), limit: 1 << 24)
        let text = String(decoding: read, as: UTF8.self)
        #expect(text.count > 100 && text.hasSuffix("\n"), "\(text.prefix(200))")
    }

    @Test func moreThanTheLimitIsRefused() throws {
        let (readEnd, writeEnd) = try Self.pipeEnds()
        let payload = [UInt8](repeating: 0x20, count: 4_096)
        #expect(write(writeEnd, payload, payload.count) == payload.count)
        close(writeEnd)
        #expect(throws: ProviderError.self) { try FileDescriptorReader.readAll(readEnd, limit: 1_000) }
    }

    @Test func aSilentPipeFailsInsteadOfHoldingTheReader() throws {
        let (readEnd, writeEnd) = try Self.pipeEnds()
        defer { close(writeEnd) }
        let started = ContinuousClock.now
        do {
            _ = try FileDescriptorReader.readAll(readEnd, limit: 1 << 20, silenceLimit: 200)
            Issue.record("a pipe nobody writes to was read")
        } catch let error as DBusError {
            #expect(error.name == "org.freedesktop.DBus.Error.IOError" && error.message.contains("no data"), "\(error)")
        }
        #expect(ContinuousClock.now - started < .seconds(10))
    }
}

import DBusKit
import Foundation
import ProviderContract
import Testing
@testable import ProviderDBus
#if canImport(Glibc)
import Glibc
#endif

/// What `ImportFd` and `ImportBatchFd` read from a passed descriptor: a pipe to its end, a
/// limit, and a pipe whose writer neither writes nor closes, which must not hold the daemon.
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

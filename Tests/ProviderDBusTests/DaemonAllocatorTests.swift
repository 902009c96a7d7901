import Foundation
import Testing
import TestSupport

/// tsproviderd runs on jemalloc (Package.swift links it; `FreedMemory` purges its arenas):
/// a linker that dropped the library as unneeded would leave the daemon on glibc's malloc.
@Suite(.sharedDaemon) struct DaemonAllocatorTests {
    @Test func theDaemonRunsOnJemalloc() throws {
        let daemon = try SharedDaemon.current()
        let pid = try #require(daemon.process?.pid)
        // Read to the end: a /proc file says it is empty, and a sized read stops short.
        let handle = try #require(FileHandle(forReadingAtPath: "/proc/\(pid)/maps"))
        defer { try? handle.close() }
        let maps = String(decoding: try handle.readToEnd() ?? Data(), as: UTF8.self)
        #expect(maps.contains("libjemalloc.so"), "no jemalloc mapped in tsproviderd \(pid)")
    }
}

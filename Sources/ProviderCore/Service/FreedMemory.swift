#if canImport(Glibc)
import Glibc
#endif

/// Keeps what large imports free from staying resident, whichever allocator the process runs on.
///
/// tsproviderd links jemalloc (a tenth less CPU an import than glibc's malloc, whose per-thread
/// heaps shrink and grow again around every request); anything else linking ProviderCore — the
/// tests, tsbench's in-process rigs — runs on glibc's. jemalloc hands freed pages back by itself
/// after a few seconds and on ``returnToSystem()`` at once; glibc needs the two calls below.
public enum FreedMemory {
    /// On glibc: blocks from 1 MiB on get mappings of their own, returned to the system when
    /// freed. glibc otherwise raises its mmap threshold each time a large block is freed, so the
    /// next import's 30 MiB buffers land in a heap arena. Process-wide, so the process that owns
    /// the allocator's policy — the daemon, at start — calls it; idempotent. Nothing to do on
    /// jemalloc, which keeps large blocks in extents of their own anyway.
    public static func keepLargeBlocksSeparate() {
        #if os(Linux)
        if Allocator.current == .glibc { _ = mallopt(mmapThreshold, 1 << 20) }
        #endif
    }

    /// Hands pages that free() kept back to the system.
    static func returnToSystem() {
        #if os(Linux)
        switch Allocator.current {
        case .jemalloc(let mallctl):
            // "arena.<MALLCTL_ARENAS_ALL>.purge": every arena's unused dirty pages, now.
            _ = mallctl("arena.4096.purge", nil, nil, nil, 0)
        case .glibc:
            _ = mallocTrim(0)
        }
        #endif
    }

    /// Which malloc the process runs on, looked up once: jemalloc exports `mallctl`, glibc does not.
    enum Allocator: Equatable {
        typealias Control = @convention(c) (UnsafePointer<CChar>?, UnsafeMutableRawPointer?, UnsafeMutablePointer<Int>?,
                                            UnsafeMutableRawPointer?, Int) -> Int32
        case jemalloc(Control)
        case glibc

        static let current: Allocator = {
            #if os(Linux)
            if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallctl") {
                return .jemalloc(unsafeBitCast(symbol, to: Control.self))
            }
            #endif
            return .glibc
        }()

        static func == (left: Allocator, right: Allocator) -> Bool {
            switch (left, right) {
            case (.glibc, .glibc), (.jemalloc, .jemalloc): true
            default: false
            }
        }
    }
}

#if os(Linux)
// glibc's mallopt(3) and malloc_trim(3); <malloc.h> is not part of Swift's Glibc module.
private let mmapThreshold: Int32 = -3 // M_MMAP_THRESHOLD

@_silgen_name("mallopt")
private func mallopt(_ parameter: Int32, _ value: Int32) -> Int32

@_silgen_name("malloc_trim")
private func mallocTrim(_ pad: Int) -> Int32
#endif

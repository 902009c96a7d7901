/// Keeps what large imports free from staying resident. glibc raises its mmap threshold each
/// time a large block is freed, so the next import's 30 MiB buffers land in a heap arena, and
/// the model leaves many small freed blocks in the middle of the heap; both stay resident
/// after the import unless told otherwise.
public enum FreedMemory {
    /// Blocks from 1 MiB on get mappings of their own, returned to the system when freed (a
    /// fixed threshold also stops glibc from raising it). Process-wide, so the process that
    /// owns the allocator's policy — the daemon, at start — calls it; idempotent.
    public static func keepLargeBlocksSeparate() {
        #if os(Linux)
        _ = mallopt(mmapThreshold, 1 << 20)
        #endif
    }

    /// Hands pages that free() kept back to the system.
    static func returnToSystem() {
        #if os(Linux)
        _ = mallocTrim(0)
        #endif
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

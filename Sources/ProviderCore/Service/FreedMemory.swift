/// Hands pages that free() kept back to the system. A large import leaves its model as many
/// small freed blocks in the middle of the heap, which glibc keeps resident until trimmed.
enum FreedMemory {
    static func returnToSystem() {
        #if os(Linux)
        _ = mallocTrim(0)
        #endif
    }
}

#if os(Linux)
// glibc's malloc_trim(3); <malloc.h> is not part of Swift's Glibc module.
@_silgen_name("malloc_trim")
private func mallocTrim(_ pad: Int) -> Int32
#endif

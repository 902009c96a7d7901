#if canImport(Glibc)
import Glibc
#endif

extension String {
    /// Whether the string is the NUL-terminated `bytes` libdbus handed over, compared byte for
    /// byte without making a String of them.
    func hasBytes(of bytes: UnsafePointer<CChar>) -> Bool {
        withCString { strcmp($0, bytes) == 0 }
    }
}

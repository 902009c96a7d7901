extension String {
    /// WMI and task sequence names compare without regard to case (`_SMSTSInWinPE` is
    /// `_smstsinwinpe`). Unicode lowercasing, no Foundation needed.
    ///
    /// ASCII text (nearly every name and value an import compares) is compared byte by byte
    /// without building lowercased copies; anything else goes through `lowercased()`.
    package func equalsIgnoringCase(_ other: String) -> Bool {
        if self == other { return true }
        switch asciiEqualsIgnoringCase(other) {
        case .equal: return true
        case .different: return false
        case .notASCII: return lowercased() == other.lowercased()
        }
    }

    /// What comparing the UTF-8 bytes of both strings found, folding ASCII letters only.
    private enum ASCIIComparison {
        case equal, different
        /// A byte outside ASCII: only Unicode lowercasing can tell.
        case notASCII
    }

    private func asciiEqualsIgnoringCase(_ other: String) -> ASCIIComparison {
        let outcome = utf8.withContiguousStorageIfAvailable { lhs in
            other.utf8.withContiguousStorageIfAvailable { rhs in Self.compareASCII(lhs, rhs) }
        }
        return (outcome ?? nil) ?? .notASCII
    }

    private static func compareASCII(_ lhs: UnsafeBufferPointer<UInt8>, _ rhs: UnsafeBufferPointer<UInt8>) -> ASCIIComparison {
        var different = lhs.count != rhs.count
        for index in 0..<Swift.min(lhs.count, rhs.count) {
            let left = lhs[index], right = rhs[index]
            if left >= 0x80 || right >= 0x80 { return .notASCII }
            if !different, left != right, ByteScan.foldedASCII(left) != ByteScan.foldedASCII(right) { different = true }
        }
        // Only two ASCII strings are settled by bytes: lowercasing turns some non-ASCII
        // letters into ASCII ones (the Kelvin sign into `k`), so the longer one's tail counts too.
        let longer = lhs.count > rhs.count ? lhs : rhs
        for index in Swift.min(lhs.count, rhs.count)..<longer.count where longer[index] >= 0x80 { return .notASCII }
        return different ? .different : .equal
    }

}

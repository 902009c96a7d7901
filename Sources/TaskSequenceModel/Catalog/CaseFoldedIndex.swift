/// Positions of ASCII names, found without regard to ASCII case and without hashing or
/// lowercasing the key: catalog lookups by class and property name ran through `String`
/// hashing (and `lowercased()` for names not in the catalog's spelling) for every variable of
/// every step, several times per import.
///
/// Names are bucketed by length and their first and last letters, folded; a probe compares the
/// few names of its bucket byte by byte. The first name added wins among names equal without
/// regard to case, as the lowercased dictionaries it stands in front of keep the first.
/// Answers ``Probe/undecided`` when the key or any name is not ASCII (Unicode lowercasing can
/// make non-ASCII text equal to ASCII, `K` KELVIN SIGN to `k`): the caller then looks up
/// the lowercased key as before.
struct CaseFoldedIndex: Sendable {
    enum Probe: Equatable {
        case found(Int)
        case absent
        case undecided
    }

    private static let bucketCount = 128
    /// Every name's folded bytes, one after another, bucket by bucket.
    private let bytes: [UInt8]
    /// Per entry: where its bytes start in ``bytes``, its length and its position.
    private let entries: [(start: Int, length: Int, position: Int)]
    /// Per bucket: its entries' range in ``entries`` (`bucketStarts[b]..<bucketStarts[b + 1]`).
    private let bucketStarts: [Int]
    private let isASCII: Bool

    /// `names` with their positions; a name equal (without regard to case) to an earlier one is
    /// left out.
    init(_ names: [(name: String, position: Int)]) {
        var buckets = [[(name: [UInt8], position: Int)]](repeating: [], count: Self.bucketCount)
        var isASCII = true
        var seen: Set<[UInt8]> = []
        for (name, position) in names {
            let folded = name.utf8.map(Self.folded)
            if name.utf8.contains(where: { $0 >= 0x80 }) { isASCII = false }
            guard seen.insert(folded).inserted else { continue }
            buckets[Self.bucket(length: folded.count, first: folded.first ?? 0, last: folded.last ?? 0)].append((folded, position))
        }
        var bytes: [UInt8] = [], entries: [(start: Int, length: Int, position: Int)] = [], bucketStarts: [Int] = []
        for bucket in buckets {
            bucketStarts.append(entries.count)
            for (name, position) in bucket {
                entries.append((bytes.count, name.count, position))
                bytes.append(contentsOf: name)
            }
        }
        bucketStarts.append(entries.count)
        self.bytes = bytes
        self.entries = entries
        self.bucketStarts = bucketStarts
        self.isASCII = isASCII
    }

    /// The position of the name equal to `key` without regard to ASCII case.
    func probe(_ key: String) -> Probe {
        guard isASCII else { return .undecided }
        var key = key
        return key.withUTF8 { probe($0) }
    }

    private func probe(_ key: UnsafeBufferPointer<UInt8>) -> Probe {
        guard let first = key.first, let last = key.last else {
            return find(key, inBucket: Self.bucket(length: 0, first: 0, last: 0))
        }
        for byte in key where byte >= 0x80 { return .undecided }
        return find(key, inBucket: Self.bucket(length: key.count, first: Self.folded(first), last: Self.folded(last)))
    }

    private func find(_ key: UnsafeBufferPointer<UInt8>, inBucket bucket: Int) -> Probe {
        var index = bucketStarts[bucket]
        let end = bucketStarts[bucket + 1]
        while index < end {
            let entry = entries[index]
            if entry.length == key.count, matches(key, at: entry.start) { return .found(entry.position) }
            index += 1
        }
        return .absent
    }

    private func matches(_ key: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        for offset in 0..<key.count where Self.folded(key[offset]) != bytes[start + offset] { return false }
        return true
    }

    /// ASCII capitals made small; every other byte as it is.
    private static func folded(_ byte: UInt8) -> UInt8 {
        byte &- 0x41 < 26 ? byte | 0x20 : byte
    }

    private static func bucket(length: Int, first: UInt8, last: UInt8) -> Int {
        (length &* 31 &+ Int(first) &* 7 &+ Int(last)) & (bucketCount - 1)
    }
}

/// Positions of ASCII names, found without regard to ASCII case and without hashing or
/// lowercasing the key: catalog lookups by class and property name ran through `String`
/// hashing (and `lowercased()` for names not in the catalog's spelling) for every variable of
/// every step, several times per import.
///
/// Names are bucketed by length and their first and last letters, folded; a probe compares the
/// few names of its bucket eight folded bytes at a time. The first name added wins among names equal without
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
    /// Every name's folded bytes, eight to a word (the last word of a name padded with zeros),
    /// bucket by bucket.
    private let words: [UInt64]
    /// Per entry: where its words start in ``words``, its length in bytes and its position.
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
            let folded = name.utf8.map(ByteScan.foldedASCII)
            if name.utf8.contains(where: { $0 >= 0x80 }) { isASCII = false }
            guard seen.insert(folded).inserted else { continue }
            buckets[Self.bucket(length: folded.count, first: folded.first ?? 0, last: folded.last ?? 0)].append((folded, position))
        }
        var words: [UInt64] = [], entries: [(start: Int, length: Int, position: Int)] = [], bucketStarts: [Int] = []
        for bucket in buckets {
            bucketStarts.append(entries.count)
            for (name, position) in bucket {
                entries.append((words.count, name.count, position))
                for wordStart in stride(from: 0, to: name.count, by: 8) {
                    var word: UInt64 = 0
                    for (shift, byte) in name[wordStart..<min(wordStart + 8, name.count)].enumerated() {
                        word |= UInt64(byte) << (8 * UInt64(shift))
                    }
                    words.append(word)
                }
            }
        }
        bucketStarts.append(entries.count)
        self.words = words
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
        let count = key.count
        guard let base = key.baseAddress, count > 0 else {
            return find(inBucket: Self.bucket(length: 0, first: 0, last: 0), length: 0, keyWords: UnsafeBufferPointer(start: nil, count: 0))
        }
        let wordCount = (count + 7) / 8
        // The key's bytes eight at a time, zero-padded at the end (little-endian, as the names'
        // words are built), folded once here rather than once per name compared.
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: wordCount) { words -> Probe in
            var highBits: UInt64 = 0
            for index in 0..<wordCount {
                let start = index * 8
                var word: UInt64 = 0
                if start + 8 <= count {
                    word = UInt64(littleEndian: UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self))
                } else if count >= 8 {
                    // The last eight bytes, shifted down to the ones not yet read.
                    let last = UInt64(littleEndian: UnsafeRawPointer(base + count - 8).loadUnaligned(as: UInt64.self))
                    word = last >> (8 * UInt64(8 - (count - start)))
                } else {
                    for offset in start..<count { word |= UInt64(base[offset]) << (8 * UInt64(offset - start)) }
                }
                highBits |= word
                words[index] = Self.folded(word: word)
            }
            guard highBits & ByteScan.highBits == 0 else { return .undecided }
            let bucket = Self.bucket(length: count, first: ByteScan.foldedASCII(base[0]), last: ByteScan.foldedASCII(base[count - 1]))
            return find(inBucket: bucket, length: count, keyWords: UnsafeBufferPointer(words))
        }
    }

    private func find(inBucket bucket: Int, length: Int, keyWords: UnsafeBufferPointer<UInt64>) -> Probe {
        var index = bucketStarts[bucket]
        let end = bucketStarts[bucket + 1]
        return words.withUnsafeBufferPointer { words in
            while index < end {
                let entry = entries[index]
                index += 1
                guard entry.length == length else { continue }
                var wordIndex = 0
                while wordIndex < keyWords.count, keyWords[wordIndex] == words[entry.start + wordIndex] { wordIndex += 1 }
                if wordIndex == keyWords.count { return .found(entry.position) }
            }
            return .absent
        }
    }

    /// ASCII capitals made small in eight ASCII bytes at once: a byte is a capital when adding
    /// 0x3F sets its high bit (≥ `A`) and adding 0x25 does not (≤ `Z`); no sum carries into the
    /// next byte, every byte being below 0x80.
    private static func folded(word: UInt64) -> UInt64 {
        let capitals = (word &+ 0x3F &* ByteScan.ones) & ~(word &+ 0x25 &* ByteScan.ones) & ByteScan.highBits
        return word | (capitals >> 2)
    }

    private static func bucket(length: Int, first: UInt8, last: UInt8) -> Int {
        (length &* 31 &+ Int(first) &* 7 &+ Int(last)) & (bucketCount - 1)
    }
}

import DBusKit
#if canImport(Glibc)
import Glibc
#endif

/// Makes argument values: of the declared type with edge contents, or of another type
/// altogether. Never NUL in strings and never an invalid object path or signature: libdbus
/// refuses those on our side (they cannot reach the service), so the fuzzing stays on what a
/// peer can really send.
struct ValueFuzzer {
    let vocabulary: FuzzVocabulary
    /// Largest string made: calls must fit the bus's message size and stay fast.
    var hugeStringLength = 300_000

    /// A value of `type`.
    func value(of type: DBusType, using random: inout SeededRandom, depth: Int = 0) -> DBusValue {
        switch type {
        case .byte: return .byte(UInt8.random(in: 0...255, using: &random))
        case .boolean: return .boolean(Bool.random(using: &random))
        case .int16: return .int16(random.chance(50) ? Int16.min : Int16.random(in: -5...5, using: &random))
        case .uint16: return .uint16(random.chance(50) ? UInt16.max : UInt16.random(in: 0...5, using: &random))
        case .int32: return .int32(random.chance(70) ? random.pick(FuzzVocabulary.interestingInt32) : Int32.random(in: -50...50, using: &random))
        case .uint32: return .uint32(random.chance(70) ? random.pick(FuzzVocabulary.interestingUInt32) : UInt32.random(in: 0...UInt32.max, using: &random))
        case .int64: return .int64(random.chance(50) ? random.pick([Int64.min, Int64.max, -1, 0]) : Int64.random(in: -100...100, using: &random))
        case .uint64: return .uint64(random.chance(50) ? random.pick([UInt64.max, 0, 1 << 32]) : UInt64.random(in: 0...100, using: &random))
        case .double: return .double(random.pick([0, -0.0, 1.5, -1e308, .infinity, -.infinity, .nan, .leastNonzeroMagnitude]))
        case .string: return .string(string(using: &random))
        case .objectPath: return .objectPath(objectPath(using: &random))
        case .signature: return .signature((try? DBusSignature(random.pick(["", "s", "a{sv}", "(iii)", "v", "aaaay"]))) ?? DBusSignature.empty)
        case .unixFD: return unixFD(using: &random)
        case .variant: return .variant(randomValue(using: &random, depth: depth + 1))
        case .array(let element):
            // Long containers only at the top: nested ones would multiply (300 × 60 × 300 …).
            // Never more than a few descriptors: the system bus drops a peer whose message
            // carries over 16 (max_message_unix_fds), before the service sees it.
            let longest = depth == 0 && random.chance(5) && !Self.carriesDescriptors(element) ? 300 : 4
            let count = random.chance(30) ? 0 : Int.random(in: 1...longest, using: &random)
            if element == .byte { return .bytes((0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }) }
            return .array(element, (0..<count).map { _ in value(of: element, using: &random, depth: depth + 1) })
        case .dictionary(let key, let valueType):
            let count = random.chance(20) ? 0 : Int.random(in: 1...(depth == 0 && random.chance(5) ? 60 : 5), using: &random)
            return .dictionary(key: key, value: valueType, (0..<count).map { _ in
                let entryKey = key == .string ? DBusValue.string(dictionaryKey(using: &random)) : value(of: key, using: &random, depth: depth + 1)
                return DBusDictionaryEntry(key: entryKey, value: value(of: valueType, using: &random, depth: depth + 1))
            })
        case .structure(let fields):
            return .structure(fields.map { value(of: $0, using: &random, depth: depth + 1) })
        }
    }

    /// Whether values of `type` hold a file descriptor.
    static func carriesDescriptors(_ type: DBusType) -> Bool {
        switch type {
        case .unixFD: true
        case .array(let element): carriesDescriptors(element)
        case .dictionary(let key, let value): carriesDescriptors(key) || carriesDescriptors(value)
        case .structure(let fields): fields.contains(where: carriesDescriptors)
        default: false
        }
    }

    /// A value of a random type (for variants and wrong-type arguments).
    func randomValue(using random: inout SeededRandom, depth: Int = 0) -> DBusValue {
        value(of: randomType(using: &random, depth: depth), using: &random, depth: depth)
    }

    /// A random type, nested a little.
    func randomType(using random: inout SeededRandom, depth: Int = 0) -> DBusType {
        let basic: [DBusType] = [.byte, .boolean, .int16, .uint16, .int32, .uint32, .int64, .uint64, .double, .string, .objectPath, .signature]
        guard depth < 3, random.chance(30) else { return random.pick(basic) }
        switch Int.random(in: 0..<5, using: &random) {
        case 0: return .array(randomType(using: &random, depth: depth + 1))
        case 1: return .dictionary(key: .string, value: .variant)
        case 2: return .dictionary(key: random.pick(basic), value: randomType(using: &random, depth: depth + 1))
        case 3: return .structure([randomType(using: &random, depth: depth + 1), randomType(using: &random, depth: depth + 1)])
        default: return .variant
        }
    }

    /// A string: a known word, a document, an edge string, random text or a huge one.
    func string(using random: inout SeededRandom) -> String {
        switch Int.random(in: 0..<100, using: &random) {
        case 0..<35: return vocabulary.words.randomElement(using: &random) ?? ""
        case 35..<50: return random.pick(FuzzVocabulary.edgeStrings)
        case 50..<62: return mutated(vocabulary.documents.randomElement(using: &random) ?? "", using: &random)
        case 62..<70: return vocabulary.documents.randomElement(using: &random) ?? ""
        case 70..<72: return String(repeating: random.pick(["a", "<", "é", "%"]), count: Int.random(in: 10_000...hugeStringLength, using: &random))
        case 72..<80: return vocabulary.livePaths.randomElement(using: &random)?.rawValue ?? "/"
        default: return FuzzVocabulary.randomText(count: Int.random(in: 1...40, using: &random), using: &random)
        }
    }

    /// A dictionary key: a property or option name the service knows, or not.
    func dictionaryKey(using random: inout SeededRandom) -> String {
        random.chance(70) ? (vocabulary.words.randomElement(using: &random) ?? "Name") : string(using: &random)
    }

    /// A live path most of the time, else a dead one.
    func objectPath(using random: inout SeededRandom) -> ObjectPath {
        if random.chance(65), let live = vocabulary.livePaths.randomElement(using: &random) { return live }
        return (try? ObjectPath(random.pick(FuzzVocabulary.deadPaths))) ?? .root
    }

    /// `text` with a few bytes cut, repeated or replaced: XML and WQL that almost parse.
    func mutated(_ text: String, using random: inout SeededRandom) -> String {
        var characters = Array(text)
        guard !characters.isEmpty else { return text }
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let at = Int.random(in: 0..<characters.count, using: &random)
            switch Int.random(in: 0..<4, using: &random) {
            case 0: characters.remove(at: at)
            case 1: characters.insert(random.pick(Array("<>&\"'/=x0 ")), at: at)
            case 2: characters.replaceSubrange(at..<min(characters.count, at + Int.random(in: 1...40, using: &random)), with: [])
            default:
                let end = min(characters.count, at + Int.random(in: 1...80, using: &random))
                characters.insert(contentsOf: characters[at..<end], at: at)
            }
            if characters.isEmpty { break }
        }
        return String(characters)
    }

    /// A descriptor for `h`: an empty file, a document or random bytes, written to a temporary
    /// file and opened for reading (the file is unlinked at once).
    func unixFD(using random: inout SeededRandom) -> DBusValue {
        let contents: [UInt8]
        switch Int.random(in: 0..<3, using: &random) {
        case 0: contents = []
        case 1: contents = Array((vocabulary.documents.randomElement(using: &random) ?? "").utf8)
        default: contents = (0..<Int.random(in: 1...4096, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
        }
        var template = Array("/tmp/tsstress-fd-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard descriptor >= 0 else { return .unixFD(UnixFileDescriptor(takingOwnershipOf: open("/dev/null", O_RDONLY | O_CLOEXEC))) }
        template.withUnsafeBufferPointer { buffer in _ = buffer.baseAddress.map { unlink($0) } }
        _ = contents.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        lseek(descriptor, 0, SEEK_SET)
        return .unixFD(UnixFileDescriptor(takingOwnershipOf: descriptor))
    }
}

import DBusKit

/// The words fuzzed arguments are made of: names the service knows (classes, properties,
/// members, object paths of the fixture set), payloads it parses (task sequence XML, WQL) and
/// edge values, so random calls get past the first check often enough to reach deeper code.
struct FuzzVocabulary: Sendable {
    /// Object paths that exist (the fixture set), for `o` arguments.
    var livePaths: [ObjectPath]
    /// Strings worth trying: names, keys, formats, operators, relpaths.
    var words: [String]
    /// Whole documents for string arguments that take XML or WQL.
    var documents: [String]

    /// Paths that look plausible but name nothing, or the wrong kind of thing.
    static let deadPaths: [String] = [
        "/", "/org", "/org/tsprovider/Provider1", "/org/tsprovider/Provider1/NoSuchClass",
        "/org/tsprovider/Provider1/SMS_TaskSequencePackage/PS1FFFFF",
        "/org/tsprovider/Provider1/SMS_TaskSequencePackage/PS1FFFFF/Sequence",
        "/org/tsprovider/Provider1/SMS_TaskSequencePackage/PS1FFFFF/Steps/1",
        "/org/tsprovider/Provider1/SMS_TaskSequencePackage/PS100001/Steps/4294967296",
        "/org/tsprovider/Provider1/SMS_TaskSequencePackage/PS100001/Steps/_2d1",
        "/org/tsprovider/Provider1/SMS_TaskSequencePackage/PS100001/Steps/1/Condition/999999",
        "/org/tsprovider/Provider1/SMS_Package/_00", "/org/tsprovider/Provider1/SMS_UserClassPermissions/0",
        "/org/tsprovider/Provider1/SMS_UserInstancePermissions/99999999999999999999",
        "/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t/u/v/w/x/y/z",
    ]

    /// Edge strings independent of the service.
    static let edgeStrings: [String] = [
        "", " ", "0", "-1", "4294967296", "null", "NULL", "true", "%", "_", "[", "'", "\"", "\\", "*", "\u{FEFF}", "é",
        "💥", "\u{202E}rtl", "a\tb\nc", "<", "<sequence/>", "<?xml version=\"1.0\"?>", "&amp;", "&lt;&#0;",
        "<!DOCTYPE x [<!ENTITY a \"aaaa\">]><x>&a;</x>", "SELECT", "SELECT * FROM", "' OR '1'='1",
        "package", "sequence", "json", "zip", "object", "and", "or", "not", "If", "All", "Any",
    ]

    static let interestingInt32: [Int32] = [0, 1, -1, -2, 2, 3, 7, 100, 1_000_000, Int32.max, Int32.min, Int32.min + 1]
    static let interestingUInt32: [UInt32] = [0, 1, 2, 3, 4, 7, 256, 1024, 8192, 9999, 0x7FFF_FFFF, 0xFFFF_FFFF, 20]

    /// A string of `count` characters from a mix of ASCII and multi-byte characters.
    static func randomText(count: Int, using random: inout SeededRandom) -> String {
        let alphabet = Array("abcXYZ019 _-./\\<>&'\"%[]{}=*éß漢😀\t")
        var text = ""
        text.reserveCapacity(count)
        for _ in 0..<count { text.append(alphabet[Int.random(in: 0..<alphabet.count, using: &random)]) }
        return text
    }
}

/// The rules for what identifies a computer on import: its NetBIOS name, MAC addresses and
/// SMBIOS GUID, checked and written in one canonical form so that equal hardware compares
/// equal however it was typed.
public enum HardwareIdentity {
    /// NetBIOS names are at most 15 characters.
    public static let maxNameLength = 15

    /// `name` trimmed, when it can name a computer: 1 to 15 letters, digits, `-` or `_`, not
    /// starting with `-` and not digits only. Throws naming the rule broken.
    public static func computerName(_ name: String, property: String = "NetbiosName") throws -> String {
        let trimmed = name.trimmingWhitespace
        guard !trimmed.isEmpty else {
            throw ProviderError.validationFailed(property: property, rule: "a computer needs a name")
        }
        guard trimmed.count <= maxNameLength else {
            throw ProviderError.validationFailed(property: property, rule: "'\(trimmed)' is longer than \(maxNameLength) characters, the most a NetBIOS name holds")
        }
        guard trimmed.unicodeScalars.allSatisfy({ $0.isASCIIAlphanumeric || $0 == "-" || $0 == "_" }) else {
            throw ProviderError.validationFailed(property: property, rule: "'\(trimmed)' may hold only letters, digits, '-' and '_'")
        }
        guard !trimmed.hasPrefix("-"), !trimmed.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) else {
            throw ProviderError.validationFailed(property: property, rule: "'\(trimmed)' must not start with '-' or be digits only")
        }
        return trimmed
    }

    /// `mac` as six upper-case hex pairs joined by `:` (`00:11:22:AA:BB:CC`); accepts `:` or `-`
    /// between the pairs, or none. The all-zero and broadcast addresses are refused.
    public static func macAddress(_ mac: String, property: String = "MACAddress") throws -> String {
        let trimmed = mac.trimmingWhitespace
        let separators: Set<Character> = [":", "-"]
        let parts: [Substring]
        if trimmed.contains(where: separators.contains) {
            parts = trimmed.split(omittingEmptySubsequences: false, whereSeparator: separators.contains)
        } else if trimmed.count == 12 {
            parts = stride(from: 0, to: 12, by: 2).map { offset in
                let start = trimmed.index(trimmed.startIndex, offsetBy: offset)
                return trimmed[start..<trimmed.index(start, offsetBy: 2)]
            }
        } else {
            parts = []
        }
        guard parts.count == 6, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isHexDigit) }) else {
            throw ProviderError.validationFailed(property: property, rule: "'\(trimmed)' is not a MAC address (six hex pairs such as 00:11:22:33:44:55)")
        }
        let canonical = parts.map { $0.uppercased() }.joined(separator: ":")
        guard canonical != "00:00:00:00:00:00", canonical != "FF:FF:FF:FF:FF:FF" else {
            throw ProviderError.validationFailed(property: property, rule: "\(canonical) is not the address of a network adapter")
        }
        return canonical
    }

    /// `guid` in upper case as 8-4-4-4-12 hex digits, braces taken off. The all-zero GUID
    /// (which firmware reports when it has none) is refused.
    public static func smbiosGUID(_ guid: String, property: String = "SMBIOSGUID") throws -> String {
        var trimmed = Substring(guid.trimmingWhitespace)
        if trimmed.hasPrefix("{"), trimmed.hasSuffix("}"), trimmed.count >= 2 { trimmed = trimmed.dropFirst().dropLast() }
        let groups = trimmed.split(separator: "-", omittingEmptySubsequences: false)
        let hex = groups.count == 1 ? String(trimmed) : groups.joined()
        let shaped = groups.count == 1 || groups.map(\.count) == [8, 4, 4, 4, 12]
        guard shaped, hex.count == 32, hex.allSatisfy(\.isHexDigit) else {
            throw ProviderError.validationFailed(property: property, rule: "'\(guid.trimmingWhitespace)' is not a GUID (32 hex digits as 8-4-4-4-12)")
        }
        let upper = hex.uppercased()
        guard upper.contains(where: { $0 != "0" }) else {
            throw ProviderError.validationFailed(property: property, rule: "the all-zero GUID identifies no computer")
        }
        var canonical = ""
        for (index, character) in upper.enumerated() {
            if [8, 12, 16, 20].contains(index) { canonical.append("-") }
            canonical.append(character)
        }
        return canonical
    }
}

extension String {
    var trimmingWhitespace: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}

extension Unicode.Scalar {
    var isASCIIAlphanumeric: Bool {
        ("a"..."z").contains(self) || ("A"..."Z").contains(self) || ("0"..."9").contains(self)
    }
}

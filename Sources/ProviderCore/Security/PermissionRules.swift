/// The rules of SMS 2007 rights that shape what an entry may hold (reference §6.1).
enum PermissionRules {
    /// The rights an entry ends up with when `requested` is asked for and it held `previous`.
    ///
    /// - Create and Administer exist only at class level.
    /// - Read is a prerequisite: a right that needs it brings it along (granting Modify over
    ///   Read gives Read|Modify), and taking Read away from an entry that had it — asking only
    ///   for rights that do without it, or none — takes everything away.
    static func normalized(_ requested: Rights, previous: Rights?, onInstance: Bool) throws -> Rights {
        let property = onInstance ? "InstancePermissions" : "ClassPermissions"
        let unknown = requested.subtracting(.all)
        guard unknown.isEmpty else {
            throw ProviderError.invalidArgument(
                name: property,
                problem: "0x\(String(unknown.rawValue, radix: 16)) holds bits this provider does not grant; the rights are \(Rights.numbered)")
        }
        if onInstance, !requested.isDisjoint(with: .classOnly) {
            let classOnly = requested.intersection(.classOnly)
            let (verb, pronoun) = classOnly == .classOnly ? ("exist", "them") : ("exists", "it")
            throw ProviderError.invalidArgument(
                name: property, problem: "\(classOnly) \(verb) only at class level; grant \(pronoun) with SMS_UserClassPermissions")
        }
        if previous == nil, requested.isEmpty {
            throw ProviderError.invalidArgument(name: property, problem: "a new entry needs at least one right; to take rights away, change or delete the entry")
        }
        if !requested.subtracting(.independentOfRead).isEmpty {
            return requested.union(.read)
        }
        if let previous, previous.contains(.read), !requested.contains(.read) {
            return []
        }
        return requested
    }

    /// Whether `name` can be a principal: a user name or `@group` as Unix allows them — no
    /// slashes, quotes, spaces or control characters, at most 256 bytes.
    static func isWellFormedPrincipal(_ name: String) -> Bool {
        let bare = name.hasPrefix("@") ? name.dropFirst() : Substring(name)
        guard !bare.isEmpty, name.utf8.count <= 256, !bare.hasPrefix("@") else { return false }
        return bare.unicodeScalars.allSatisfy { scalar in
            scalar.value > 0x20 && scalar.value != 0x7F && !"/\"'\\:,".unicodeScalars.contains(scalar)
        }
    }
}

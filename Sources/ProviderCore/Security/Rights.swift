/// SMS permission bits (reference §6.1), on classes and instances.
public struct Rights: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let read = Rights(rawValue: 1)
    public static let modify = Rights(rawValue: 2)
    public static let delete = Rights(rawValue: 4)
    public static let administer = Rights(rawValue: 256)
    public static let create = Rights(rawValue: 1024)
    public static let delegate = Rights(rawValue: 8192)

    public static let all: Rights = [.read, .modify, .delete, .administer, .create, .delegate]

    /// Rights that exist only on a class: an instance entry cannot hold them.
    public static let classOnly: Rights = [.administer, .create]
    /// Rights that do not need Read beside them; every other right brings Read with it.
    public static let independentOfRead: Rights = [.administer, .create, .delegate]
    /// What the creator of an object holds on it.
    public static let creator: Rights = [.read, .modify, .delete]

    /// Names of the rights, for messages (`Read|Modify`).
    public var description: String {
        let names: [(Rights, String)] = [
            (.read, "Read"), (.modify, "Modify"), (.delete, "Delete"),
            (.administer, "Administer"), (.create, "Create"), (.delegate, "Delegate"),
        ]
        let present = names.filter { contains($0.0) }.map(\.1)
        return present.isEmpty ? "none" : present.joined(separator: "|")
    }
}

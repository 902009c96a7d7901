/// SMS permission bits (reference §6.1), on classes and instances.
public struct Rights: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let read = Rights(rawValue: 1)
    public static let modify = Rights(rawValue: 2)
    public static let delete = Rights(rawValue: 4)
    public static let distribute = Rights(rawValue: 8)
    /// Deploy to a collection (on collections).
    public static let advertise = Rights(rawValue: 64)
    /// Change the computers of a collection (on collections).
    public static let modifyResource = Rights(rawValue: 128)
    public static let administer = Rights(rawValue: 256)
    /// Delete the computers of a collection (on collections).
    public static let deleteResource = Rights(rawValue: 512)
    public static let create = Rights(rawValue: 1024)
    /// See the computers of a collection (on collections).
    public static let readResource = Rights(rawValue: 4096)
    public static let delegate = Rights(rawValue: 8192)
    /// Import computer entries (on the collection class).
    public static let importMachine = Rights(rawValue: 0x80000)
    /// Change a collection's settings, its task sequence variables among them (on collections).
    public static let modifyCollectionSetting = Rights(rawValue: 0x200000)

    public static let all: Rights = [
        .read, .modify, .delete, .distribute, .advertise, .modifyResource, .administer, .deleteResource, .create, .readResource,
        .delegate, .importMachine, .modifyCollectionSetting,
    ]

    /// Rights that exist only on a class: an instance entry cannot hold them.
    public static let classOnly: Rights = [.administer, .create, .importMachine]
    /// Rights that do not need Read beside them; every other right brings Read with it.
    public static let independentOfRead: Rights = [.administer, .create, .delegate, .importMachine]
    /// What the creator of an object holds on it.
    public static let creator: Rights = [.read, .modify, .delete]

    /// The rights with their names, in bit order.
    public static let named: [(rights: Rights, name: String)] = [
        (.read, "Read"), (.modify, "Modify"), (.delete, "Delete"), (.distribute, "Distribute"), (.advertise, "Advertise"),
        (.modifyResource, "ModifyResource"), (.administer, "Administer"), (.deleteResource, "DeleteResource"), (.create, "Create"),
        (.readResource, "ReadResource"), (.delegate, "Delegate"), (.importMachine, "ImportMachine"),
        (.modifyCollectionSetting, "ModifyCollectionSetting"),
    ]

    /// Every right with its number, for messages (`Read 1, Modify 2, …`).
    public static var numbered: String {
        named.map { "\($0.name) \($0.rights.rawValue)" }.joined(separator: ", ")
    }

    /// Names of the rights, for messages (`Read|Modify`).
    public var description: String {
        let present = Self.named.filter { contains($0.rights) }.map(\.name)
        return present.isEmpty ? "none" : present.joined(separator: "|")
    }
}

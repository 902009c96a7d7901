import Foundation

/// SMS permission bits on classes and instances (reference §6.1): what a user may do.
///
/// ```swift
/// try client.grant([.read, .modify], to: "alice", on: .package("PS100004"))
/// let check = try client.check(.modify, on: .package("PS100004"))
/// ```
///
/// Every bit the SMS Provider names is here; the service decides which of them it grants
/// (``classOnly``, ``independentOfRead``), and clients read what other SMS tools wrote.
/// Encodes as its number.
public struct Rights: OptionSet, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The bits.
    public let rawValue: UInt32

    /// Rights from bits.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Read (1): see the object. Every right but those in ``independentOfRead`` needs it:
    /// granting them brings Read along, and revoking Read revokes them.
    public static let read = Rights(rawValue: 1)
    /// Modify (2): change it.
    public static let modify = Rights(rawValue: 2)
    /// Delete (4): delete it.
    public static let delete = Rights(rawValue: 4)
    /// Distribute (8): send content to distribution points.
    public static let distribute = Rights(rawValue: 8)
    /// Advertise (64): deploy it; on collections, deploy to them.
    public static let advertise = Rights(rawValue: 64)
    /// Modify Resource (128): on collections, change their computers.
    public static let modifyResource = Rights(rawValue: 128)
    /// Administer (256): class only; manage the rights of the class and its instances.
    public static let administer = Rights(rawValue: 256)
    /// Delete Resource (512): on collections, delete their computers.
    public static let deleteResource = Rights(rawValue: 512)
    /// Create (1024): class only; create instances.
    public static let create = Rights(rawValue: 1024)
    /// Read Resource (4096): on collections, see their computers.
    public static let readResource = Rights(rawValue: 4096)
    /// Delegate (8192): on an instance, pass on there the rights one holds by one's own entry.
    public static let delegate = Rights(rawValue: 8192)
    /// Import computer entry (0x80000): class only, on SMS_Collection; import computers.
    public static let importMachine = Rights(rawValue: 0x80000)
    /// Modify collection setting (0x200000): on a collection, change its settings, its task
    /// sequence variables among them.
    public static let modifyCollectionSetting = Rights(rawValue: 0x200000)

    /// Every named right.
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

    /// The named rights, in bit order, with their names.
    public static let named: [(name: String, rights: Rights)] = [
        ("Read", .read), ("Modify", .modify), ("Delete", .delete), ("Distribute", .distribute), ("Advertise", .advertise),
        ("ModifyResource", .modifyResource), ("Administer", .administer), ("DeleteResource", .deleteResource), ("Create", .create),
        ("ReadResource", .readResource), ("Delegate", .delegate), ("ImportMachine", .importMachine),
        ("ModifyCollectionSetting", .modifyCollectionSetting),
    ]

    /// Every right with its number, for messages (`Read 1, Modify 2, …`).
    public static var numbered: String {
        named.map { "\($0.name) \($0.rights.rawValue)" }.joined(separator: ", ")
    }

    /// Rights from text: names joined by `|`, `,` or `+` in any case (`Read|Modify`,
    /// `read,delete`), or a number (`3`, `0x403`). `nil` for an unknown name.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let number = UInt32(trimmed) {
            self.init(rawValue: number)
            return
        }
        if trimmed.lowercased().hasPrefix("0x"), let number = UInt32(trimmed.dropFirst(2), radix: 16) {
            self.init(rawValue: number)
            return
        }
        var rights: Rights = []
        for part in trimmed.split(whereSeparator: { "|,+ ".contains($0) }) {
            guard let entry = Self.named.first(where: { $0.name.lowercased() == part.lowercased() }) else { return nil }
            rights.insert(entry.rights)
        }
        guard !rights.isEmpty else { return nil }
        self = rights
    }

    /// The names of the rights held (`Read`, `Modify`), with unnamed bits as numbers.
    public var names: [String] {
        var names = Self.named.filter { contains($0.rights) }.map(\.name)
        let unnamed = rawValue & ~Self.all.rawValue
        for bit in 0..<32 where unnamed & (1 << bit) != 0 { names.append(String(UInt32(1) << UInt32(bit))) }
        return names
    }

    /// `Read|Modify`, or `none`.
    public var description: String {
        names.isEmpty ? "none" : names.joined(separator: "|")
    }

    /// Encodes the number.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Decodes the number.
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(UInt32.self))
    }
}

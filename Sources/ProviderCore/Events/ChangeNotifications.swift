import Foundation

/// How providers sharing one PostgreSQL database tell each other what changed: each write's
/// events, as JSON of ``ChangeEventWire``, sent with the write (`NOTIFY` on ``channel``, so they
/// go out only if it commits) and cut into messages under PostgreSQL's 8000-byte payload limit.
///
/// A message is `1 ORIGIN BATCH INDEX COUNT TEXT`: the sending provider's origin (a UUID per
/// ``ProviderService``, so a provider skips its own), the write's number at that provider, the
/// message's place among COUNT, and its slice of the JSON.
enum ChangeNotifications {
    /// The channel every provider of a database listens on.
    static let channel = "tsprovider_changes"
    /// The most bytes of JSON in one message; with the header it stays well under 8000.
    static let sliceBytes = 7_000
    private static let version = "1"

    /// The messages that carry `events`, in order.
    static func messages(for events: [ChangeRecord], origin: UUID, batch: UInt64) throws -> [String] {
        let json = String(decoding: try JSONEncoder().encode(events.map(ChangeEventWire.init)), as: UTF8.self)
        let slices = slices(of: json, maximumBytes: sliceBytes)
        return slices.enumerated().map { index, slice in
            "\(version) \(origin.uuidString) \(batch) \(index) \(slices.count) \(slice)"
        }
    }

    /// `text` cut into pieces of at most `maximumBytes` UTF-8 bytes, never inside a character's
    /// encoding (a payload must be valid text).
    static func slices(of text: String, maximumBytes: Int) -> [Substring] {
        var slices: [Substring] = []
        var start = text.unicodeScalars.startIndex
        var bytes = 0
        var index = start
        while index < text.unicodeScalars.endIndex {
            let length = UTF8.width(text.unicodeScalars[index])
            if bytes + length > maximumBytes {
                slices.append(Substring(text.unicodeScalars[start..<index]))
                start = index
                bytes = 0
            }
            bytes += length
            index = text.unicodeScalars.index(after: index)
        }
        slices.append(Substring(text.unicodeScalars[start...]))
        return slices
    }

    /// One parsed message.
    struct Message: Equatable {
        var origin: UUID
        var batch: UInt64
        var index: Int
        var count: Int
        var slice: Substring

        init?(_ payload: String) {
            let fields = payload.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: false)
            guard fields.count == 6, fields[0] == ChangeNotifications.version,
                  let origin = UUID(uuidString: String(fields[1])), let batch = UInt64(fields[2]),
                  let index = Int(fields[3]), let count = Int(fields[4]), count > 0, (0..<count).contains(index)
            else { return nil }
            (self.origin, self.batch, self.index, self.count, slice) = (origin, batch, index, count, fields[5])
        }
    }
}

/// Puts other providers' messages back together into their events (one per listener thread).
struct ChangeNotificationAssembler {
    /// What one message amounted to: another provider's committed events, in order (none while
    /// a batch is still arriving, or for the provider's own), and whether something was lost or
    /// unreadable — then what is cached may be stale and signals were missed.
    struct Outcome: Equatable {
        var events: [ChangeRecord] = []
        var missed = false
    }

    /// The provider this assembler belongs to, whose own messages it skips.
    let origin: UUID
    private var pending: [UUID: (batch: UInt64, slices: [Substring])] = [:]

    init(origin: UUID) {
        self.origin = origin
    }

    mutating func receive(_ payload: String) -> Outcome {
        guard let message = ChangeNotifications.Message(payload) else { return Outcome(missed: true) }
        if message.origin == origin { return Outcome() }
        var outcome = Outcome()
        var slices: [Substring]
        if message.index == 0 {
            // A sender's writes are sent whole and in order: an unfinished earlier batch lost a part.
            outcome.missed = pending[message.origin] != nil
            slices = []
        } else if let current = pending[message.origin], current.batch == message.batch, current.slices.count == message.index {
            slices = current.slices
        } else {
            pending[message.origin] = nil
            return Outcome(missed: true)
        }
        slices.append(message.slice)
        guard slices.count == message.count else {
            pending[message.origin] = (message.batch, slices)
            return outcome
        }
        pending[message.origin] = nil
        guard let wires = try? JSONDecoder().decode([ChangeEventWire].self, from: Data(slices.joined().utf8)) else {
            return Outcome(missed: true)
        }
        outcome.events = wires.compactMap(\.event)
        if outcome.events.count != wires.count { outcome.missed = true }
        return outcome
    }
}

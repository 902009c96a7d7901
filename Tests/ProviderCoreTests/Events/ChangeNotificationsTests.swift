import Foundation
import Testing
@testable import ProviderCore

/// The messages providers of one database send each other: every kind of object survives the
/// trip, a batch too large for one NOTIFY is cut under PostgreSQL's 8000-byte limit and put
/// back together, a provider skips its own, and a lost part is reported, never guessed around.
@Suite struct ChangeNotificationsTests {
    static let everyKindOfObject: [ObjectReference] = [
        .class("SMS_TaskSequencePackage"), .package("PS100001"), .sequence(packageID: "PS100001"),
        .step(packageID: "PS100001", stepID: 7), .condition(packageID: "PS100001", stepID: 7),
        .operand(packageID: "PS100001", stepID: 7, operandID: 3), .smsPackage("PS100002"), .computer(16_777_220),
        .collection("PS100003"), .advertisement("PS120001"), .collectionSettings(collectionID: "PS100003"),
        .machineSettings(resourceID: 16_777_220), .classPermission(principal: "@admins", objectKey: 20),
        .instancePermission(principal: "ana", objectKey: 20, instanceKey: "PS100001"),
    ]

    static func event(_ object: ObjectReference, _ index: Int) -> ChangeRecord {
        var event = ChangeRecord(kind: index.isMultiple(of: 2) ? .modified : .deleted, className: "SMS_Class\(index)", object: object,
                                changedProperties: ["Name", "Description"], detail: "détail ☃ \(index)", formerReaders: ["ana", "@ops"])
        event.sourceVersion = UInt32(index)
        event.changedBy = Caller(uid: 1000 + UInt32(index), userName: "user\(index)")
        return event
    }

    @Test func everyObjectAndFieldSurvivesTheTrip() throws {
        let events = Self.everyKindOfObject.enumerated().map { Self.event($1, $0) }
        let sender = UUID()
        let messages = try ChangeNotifications.messages(for: events, origin: sender, batch: 1)
        #expect(messages.count == 1)
        var receiver = ChangeNotificationAssembler(origin: UUID())
        #expect(receiver.receive(messages[0]) == .init(events: events, missed: false))
    }

    @Test func aLargeBatchIsCutUnderTheLimitAndPutBackTogether() throws {
        // Multi-byte characters at every place a cut could fall.
        let events = (0..<400).map { index in
            var event = Self.event(.step(packageID: "PS100001", stepID: Int64(index)), index)
            event.detail = String(repeating: "é☃𝄞", count: index % 7)
            return event
        }
        let sender = UUID()
        let messages = try ChangeNotifications.messages(for: events, origin: sender, batch: 42)
        #expect(messages.count > 3)
        #expect(messages.allSatisfy { $0.utf8.count < 8_000 })
        var receiver = ChangeNotificationAssembler(origin: UUID())
        for message in messages.dropLast() { #expect(receiver.receive(message) == .init()) }
        #expect(receiver.receive(try #require(messages.last)) == .init(events: events, missed: false))
    }

    @Test func aProviderSkipsItsOwnMessages() throws {
        let origin = UUID()
        let messages = try ChangeNotifications.messages(for: [Self.event(.package("PS100001"), 1)], origin: origin, batch: 1)
        var own = ChangeNotificationAssembler(origin: origin)
        #expect(own.receive(messages[0]) == .init())
    }

    @Test func aLostPartOrAnUnreadableMessageIsReportedAsMissed() throws {
        let events = (0..<200).map { Self.event(.package(String(format: "PS1%05X", $0)), $0) }
        let sender = UUID()
        let first = try ChangeNotifications.messages(for: events, origin: sender, batch: 1)
        let second = try ChangeNotifications.messages(for: [Self.event(.package("PS100001"), 2)], origin: sender, batch: 2)
        #expect(first.count > 2)
        var receiver = ChangeNotificationAssembler(origin: UUID())
        // The middle of batch 1 lost: its end cannot be placed, and batch 2 still arrives whole.
        #expect(receiver.receive(first[0]) == .init())
        #expect(receiver.receive(first[2]) == .init(events: [], missed: true))
        #expect(receiver.receive(second[0]) == .init(events: [Self.event(.package("PS100001"), 2)], missed: false))
        // Batch 1's start, then batch 2: the unfinished batch 1 is reported with batch 2's events.
        #expect(receiver.receive(first[0]) == .init())
        #expect(receiver.receive(second[0]) == .init(events: [Self.event(.package("PS100001"), 2)], missed: true))
        #expect(receiver.receive("not a change message") == .init(events: [], missed: true))
    }
}

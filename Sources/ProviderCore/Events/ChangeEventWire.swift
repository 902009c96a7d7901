import Foundation

/// A ``ChangeRecord`` as providers sharing one database send it to each other (see
/// ``ChangeNotifications``): short keys, absent fields left out, the object as a tagged key.
///
/// This is the one place that knows the event's fields for the wire; when ``ChangeRecord``
/// changes shape, only this file follows.
struct ChangeEventWire: Codable, Equatable {
    /// `kind`: created, modified, deleted.
    var k: String
    /// `className`.
    var c: String
    /// `object`.
    var o: ObjectWire
    /// `changedProperties`.
    var p: [String]?
    /// `sourceVersion`.
    var v: UInt32?
    /// `changedBy`: uid and user name (groups and pid stay with the provider that served it).
    var u: UInt32?
    var n: String?
    /// `detail`.
    var d: String?
    /// `formerReaders`.
    var r: [String]?

    init(_ event: ChangeRecord) {
        k = event.kind.rawValue
        c = event.className
        o = ObjectWire(event.object)
        p = event.changedProperties.isEmpty ? nil : event.changedProperties
        v = event.sourceVersion
        u = event.changedBy?.uid
        n = event.changedBy?.userName
        d = event.detail
        r = event.formerReaders.isEmpty ? nil : event.formerReaders
    }

    /// The event, or nil when a newer provider sent a kind or object this one does not know.
    var event: ChangeRecord? {
        guard let kind = ChangeRecord.Kind(rawValue: k), let object = o.reference else { return nil }
        var event = ChangeRecord(kind: kind, className: c, object: object, changedProperties: p ?? [], detail: d, formerReaders: r ?? [])
        event.sourceVersion = v
        if let u, let n { event.changedBy = Caller(uid: u, userName: n) }
        return event
    }
}

/// An ``ObjectReference`` on the wire: its case as a tag and its keys.
struct ObjectWire: Codable, Equatable {
    /// The case of ``ObjectReference``.
    var t: String
    /// String keys in the case's order (class name, PackageID, principal, instance key …).
    var s: [String]?
    /// Integer keys in the case's order (StepID, OperandID, ResourceID, ObjectKey).
    var i: [Int64]?

    init(_ object: ObjectReference) {
        switch object {
        case .class(let name): (t, s, i) = ("class", [name], nil)
        case .package(let id): (t, s, i) = ("package", [id], nil)
        case .sequence(let id): (t, s, i) = ("sequence", [id], nil)
        case .step(let id, let step): (t, s, i) = ("step", [id], [step])
        case .condition(let id, let step): (t, s, i) = ("condition", [id], [step])
        case .operand(let id, let step, let operand): (t, s, i) = ("operand", [id], [step, operand])
        case .smsPackage(let id): (t, s, i) = ("smsPackage", [id], nil)
        case .computer(let id): (t, s, i) = ("computer", nil, [Int64(id)])
        case .collection(let id): (t, s, i) = ("collection", [id], nil)
        case .advertisement(let id): (t, s, i) = ("advertisement", [id], nil)
        case .collectionSettings(let id): (t, s, i) = ("collectionSettings", [id], nil)
        case .machineSettings(let id): (t, s, i) = ("machineSettings", nil, [Int64(id)])
        case .classPermission(let principal, let key): (t, s, i) = ("classPermission", [principal], [Int64(key)])
        case .instancePermission(let principal, let key, let instance): (t, s, i) = ("instancePermission", [principal, instance], [Int64(key)])
        }
    }

    /// The reference, or nil for an unknown tag or missing keys.
    var reference: ObjectReference? {
        let strings = s ?? []
        let integers = i ?? []
        func string(_ index: Int) -> String? { strings.indices.contains(index) ? strings[index] : nil }
        func integer(_ index: Int) -> Int64? { integers.indices.contains(index) ? integers[index] : nil }
        func uint32(_ index: Int) -> UInt32? { integer(index).flatMap { UInt32(exactly: $0) } }
        switch t {
        case "class": return string(0).map { .class($0) }
        case "package": return string(0).map { .package($0) }
        case "sequence": return string(0).map { .sequence(packageID: $0) }
        case "step":
            guard let id = string(0), let step = integer(0) else { return nil }
            return .step(packageID: id, stepID: step)
        case "condition":
            guard let id = string(0), let step = integer(0) else { return nil }
            return .condition(packageID: id, stepID: step)
        case "operand":
            guard let id = string(0), let step = integer(0), let operand = integer(1) else { return nil }
            return .operand(packageID: id, stepID: step, operandID: operand)
        case "smsPackage": return string(0).map { .smsPackage($0) }
        case "computer": return uint32(0).map { .computer($0) }
        case "collection": return string(0).map { .collection($0) }
        case "advertisement": return string(0).map { .advertisement($0) }
        case "collectionSettings": return string(0).map { .collectionSettings(collectionID: $0) }
        case "machineSettings": return uint32(0).map { .machineSettings(resourceID: $0) }
        case "classPermission":
            guard let principal = string(0), let key = uint32(0) else { return nil }
            return .classPermission(principal: principal, objectKey: key)
        case "instancePermission":
            guard let principal = string(0), let instance = string(1), let key = uint32(0) else { return nil }
            return .instancePermission(principal: principal, objectKey: key, instanceKey: instance)
        default: return nil
        }
    }
}

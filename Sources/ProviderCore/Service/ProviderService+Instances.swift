import Foundation
import ProviderStore
import TaskSequenceModel

extension ProviderService {
    /// Whether `caller` may read `object` (for signals and filtered listings).
    public func canRead(_ object: ObjectReference, for caller: Caller) throws -> Bool {
        try read(caller) { db in try canRead(object, for: caller, in: db) }
    }

    /// Every instance of `className` and its subclasses the caller may read (class `Enumerate`).
    public func instances(ofClass className: String, for caller: Caller) throws -> [ObjectReference] {
        guard let name = ServedClasses.canonicalName(className) else {
            throw ProviderError.invalidArgument(name: "class", problem: "\(className) is not a class this provider serves")
        }
        switch name {
        case _ where ServedClasses.queryOnly.contains(name):
            throw ProviderError.invalidArgument(
                name: "class", problem: "\(name) is served by queries only; run ExecQuery SELECT * FROM \(name)")
        case ClassName.taskSequencePackage: return try packageIDs(for: caller).map(ObjectReference.package)
        case ClassName.smsPackage: return try smsPackageIDs(for: caller).map(ObjectReference.smsPackage)
        case ClassName.taskSequence: return try packageIDs(for: caller).map { .sequence(packageID: $0) }
        case ClassName.computer: return try computers(for: caller).map { .computer($0.resourceID) }
        case ClassName.collection: return try collections(for: caller).map { .collection($0.collectionID) }
        case _ where ServedClasses.deploymentClasses.contains(name): return try deploymentInstances(ofClass: name, for: caller)
        case ClassName.userClassPermissions: return try permissionEntries(instances: false, for: caller).map(\.reference)
        case ClassName.userInstancePermissions: return try permissionEntries(instances: true, for: caller).map(\.reference)
        case ClassName.condition:
            return try readablePackageRows(caller) { db, readable in
                try StepRow.conditionedStepKeys(db, readable: readable).map { .condition(packageID: $0.packageID, stepID: $0.stepID) }
            }
        default:
            let classes = ServedClasses.classes(derivedFrom: name)
            if ActionCatalog.builtIn.isClass(name, derivedFrom: ClassName.step) || name == ClassName.step {
                // Untyped MDT steps are stored as SMS_TaskSequence_Action, which the list holds for them.
                return try readablePackageRows(caller) { db, readable in
                    try StepRow.stepKeys(db, ofClasses: classes, readable: readable).map { .step(packageID: $0.packageID, stepID: $0.stepID) }
                }
            }
            return try readablePackageRows(caller) { db, readable in
                try ConditionOperandRow.operandKeys(db, ofClasses: classes, readable: readable)
                    .map { .operand(packageID: $0.packageID, stepID: $0.stepID, operandID: $0.operandID) }
            }
        }
    }

    /// What `fetch` finds inside the packages the caller may read — the policy's readable set
    /// applied in the store's request, as queries apply it.
    private func readablePackageRows<T>(_ caller: Caller, _ fetch: (StoreDatabase, ReadableSet) throws -> [T]) throws -> [T] {
        try read(caller) { db in
            let readable = try policy.readablePackages(for: caller, in: db)
            if readable.isKnownEmpty { return [] }
            return try fetch(db, readable)
        }
    }

    /// Resolves a WMI relative path (`SMS_TaskSequencePackage.PackageID="PS100004"`) to the
    /// object it names, if it exists and the caller may read it.
    public func object(atRelativePath relativePath: String, for caller: Caller) throws -> ObjectReference {
        let parsed = try RelativePath(parsing: relativePath)
        var reference: ObjectReference
        switch parsed.className {
        case ClassName.taskSequencePackage:
            reference = .package(try parsed.key("PackageID"))
            _ = try package(try parsed.key("PackageID"), for: caller)
        case ClassName.smsPackage:
            reference = .smsPackage(try parsed.key("PackageID"))
            _ = try smsPackage(try parsed.key("PackageID"), for: caller)
        case ClassName.taskSequence:
            reference = .sequence(packageID: try parsed.key("PackageID"))
            _ = try package(try parsed.key("PackageID"), for: caller)
        case ClassName.computer:
            guard let resourceID = UInt32(try parsed.key("ResourceID")) else {
                throw ProviderError.invalidArgument(name: "relpath", problem: "ResourceID must be a number")
            }
            reference = .computer(try computer(resourceID, for: caller).resourceID)
        case ClassName.collection:
            reference = .collection(try collection(try parsed.key("CollectionID"), for: caller).collectionID)
        case _ where ServedClasses.deploymentClasses.contains(parsed.className):
            reference = try deploymentObject(className: parsed.className, key: { try parsed.key($0) }, for: caller)
        case ClassName.userClassPermissions, ClassName.userInstancePermissions:
            guard let objectKey = UInt32(try parsed.key("ObjectKey")) else {
                throw ProviderError.invalidArgument(name: "relpath", problem: "ObjectKey must be a number")
            }
            let principal = try parsed.key("UserName")
            reference = parsed.className == ClassName.userClassPermissions
                ? .classPermission(principal: principal, objectKey: objectKey)
                : .instancePermission(principal: principal, objectKey: objectKey, instanceKey: try parsed.key("InstanceKey"))
            reference = try permissionEntry(reference, for: caller).reference
        default:
            guard ServedClasses.canonicalName(parsed.className) != nil else {
                throw ProviderError.notFound(object: relativePath)
            }
            let packageID = try parsed.key("PackageID")
            guard let stepID = Int64(try parsed.key("StepID")) else { throw ProviderError.invalidArgument(name: "relpath", problem: "StepID must be a number") }
            if let operand = parsed.keys["operandid"] {
                guard let operandID = Int64(operand) else { throw ProviderError.invalidArgument(name: "relpath", problem: "OperandID must be a number") }
                _ = try self.operand(operandID, stepID: stepID, packageID: packageID, for: caller)
                reference = .operand(packageID: packageID, stepID: stepID, operandID: operandID)
            } else if parsed.className == ClassName.condition {
                guard try condition(stepID: stepID, packageID: packageID, for: caller) != nil else { throw ProviderError.notFound(object: relativePath) }
                reference = .condition(packageID: packageID, stepID: stepID)
            } else {
                _ = try step(stepID, packageID: packageID, for: caller)
                reference = .step(packageID: packageID, stepID: stepID)
            }
        }
        return reference
    }
}

/// A parsed WMI relative path: `Class.Key="value",Other=3`.
struct RelativePath {
    var className: String
    /// Keys lowercased (WMI names compare without case).
    var keys: [String: String]

    init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let dot = trimmed.firstIndex(of: ".") else {
            throw ProviderError.invalidArgument(name: "relpath", problem: "'\(text)' is not Class.Key=\"value\"")
        }
        className = ServedClasses.canonicalName(String(trimmed[..<dot])) ?? String(trimmed[..<dot])
        keys = [:]
        var rest = trimmed[trimmed.index(after: dot)...]
        while !rest.isEmpty {
            guard let equals = rest.firstIndex(of: "=") else {
                throw ProviderError.invalidArgument(name: "relpath", problem: "expected Key=value in '\(text)'")
            }
            let key = rest[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            rest = rest[rest.index(after: equals)...]
            var value = ""
            if let quote = rest.first, quote == "\"" || quote == "'" {
                rest = rest.dropFirst()
                guard let end = rest.firstIndex(of: quote) else {
                    throw ProviderError.invalidArgument(name: "relpath", problem: "unterminated quoted value in '\(text)'")
                }
                value = String(rest[..<end])
                rest = rest[rest.index(after: end)...]
            } else {
                let end = rest.firstIndex(of: ",") ?? rest.endIndex
                value = rest[..<end].trimmingCharacters(in: .whitespaces)
                rest = rest[end...]
            }
            keys[key] = value
            if rest.first == "," { rest = rest.dropFirst() }
        }
    }

    func key(_ name: String) throws -> String {
        guard let value = keys[name.lowercased()] else {
            throw ProviderError.invalidArgument(name: "relpath", problem: "\(className) paths need the key \(name)")
        }
        return value
    }
}

extension ProviderService {
    /// The rights `caller` holds on a class (by name) or an instance (by relative path);
    /// an instance the caller may not read yields no rights, exactly like a missing one.
    public func rights(onTarget target: String, for caller: Caller) throws -> Rights {
        try policy.admit(caller)
        let reference: ObjectReference
        if let name = ServedClasses.canonicalName(target) {
            reference = .class(name)
        } else {
            do {
                reference = try object(atRelativePath: target, for: caller)
            } catch ProviderError.notFound {
                return []
            }
        }
        return try translatingStoreErrors { try store.read { try policy.rights(of: caller, on: reference, in: $0) } }
    }
}

import DBusKit
import Foundation
import ProviderCore
import TaskSequenceModel

/// The provider's interface declarations: each declared once, and dispatch, introspection and
/// the files in `interfaces/` all follow from it.
enum Interfaces {
    /// Every interface, for writing and checking `interfaces/*.xml`.
    static var all: [DBusInterfaceInfo] {
        [root.info, classObject.info, packageClass.info, package.info, sequence.info, step.info, group.info, action.info,
         condition.info, expression.info, conditionOperator.info, smsPackage.info, userClassPermissions.info, userInstancePermissions.info]
    }

    /// The interface names an object of this kind carries (for InterfacesRemoved after it is gone).
    static func names(for reference: ObjectReference, className: String) -> [String] {
        switch reference {
        case .class: [classObject.info.name]
        case .package: [package.info.name]
        case .sequence: [sequence.info.name]
        case .step: [step.info.name, className == StepClass.group ? group.info.name : action.info.name]
        case .condition: [condition.info.name]
        case .operand: [className.hasSuffix("Expression") ? expression.info.name : conditionOperator.info.name]
        case .smsPackage: [smsPackage.info.name]
        case .classPermission: [userClassPermissions.info.name]
        case .instancePermission: [userInstancePermissions.info.name]
        }
    }

    /// `…Class` on every class object: the class's name, its superclass, its instances.
    static let classObject = DBusInterface<ClassModel>(InterfaceName.named("Class")) {
        DBusProperty("Name", String.self, emitsChangedSignal: .const) { model, _ in model.name }
        DBusProperty("Superclass", String.self, emitsChangedSignal: .const) { model, _ in ServedClasses.superclass(of: model.name) }
        DBusMethod("Enumerate", outputs: [DBusArgument("instances", .array(.objectPath))]) { model, call in
            let references = try model.bus.service.instances(ofClass: model.name, for: model.bus.caller(call.caller))
            return [.array(.objectPath, references.map { .objectPath(ProviderPath.path(of: $0)) })]
        }
        DBusMethod(
            "CreateInstance", inputs: [DBusArgument("properties", .dictionary(key: .string, value: .variant))],
            outputs: [DBusArgument("object", .objectPath)]
        ) { model, call in
            let properties = try ValueConversion.textProperties(call.arguments[0], argument: "properties")
            return [.objectPath(ProviderPath.path(of: try model.bus.createInstance(model.name, properties: properties, caller: model.bus.caller(call.caller))))]
        }
    }

    /// `…TaskSequencePackageClass` on `/…/SMS_TaskSequencePackage`: the class's static methods.
    static let packageClass = DBusInterface<ClassModel>(InterfaceName.named("TaskSequencePackageClass")) {
        DBusMethod("ImportSequence", inputs: [DBusArgument("xml", .string)], outputs: [DBusArgument("sequence", .string)]) { model, call in
            [.string(try model.bus.service.importSequence(xml: call.argument("xml", as: String.self), for: model.bus.caller(call.caller)))]
        }
        DBusMethod(
            "Import", inputs: [DBusArgument("data", .string), DBusArgument("options", .dictionary(key: .string, value: .variant))],
            outputs: [DBusArgument("package", .objectPath)]
        ) { model, call in
            let text = try call.argument("data", as: String.self)
            return [try model.bus.importPackage(.text(text), options: call.arguments[1], caller: model.bus.caller(call.caller))]
        }
        DBusMethod(
            "ImportFd", inputs: [DBusArgument("fd", .unixFD), DBusArgument("options", .dictionary(key: .string, value: .variant))],
            outputs: [DBusArgument("package", .objectPath)]
        ) { model, call in
            let caller = try model.bus.caller(call.caller)
            let descriptor = try call.argument("fd", as: UnixFileDescriptor.self)
            let data = try FileDescriptorReader.readAll(descriptor, limit: model.bus.service.configuration.maxXMLBytes)
            return [try model.bus.importPackage(.bytes(consume data), options: call.arguments[1], caller: caller)]
        }
    }
}

extension ProviderBus {
    /// Import with options `Name` (rename) and `PackageID` (which package of a zip holding several).
    /// What a client passed to import: text (`Import`) or bytes read from a descriptor (`ImportFd`).
    enum ImportPayload {
        case text(String)
        case bytes(Data)
    }

    /// The payload is handed on (not copied), so the service can release bytes once parsed.
    func importPackage(_ payload: consuming ImportPayload, options: DBusValue, caller: Caller) throws -> DBusValue {
        let settings = Dictionary(try ValueConversion.textProperties(options, argument: "options").map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { $1 })
        if let unknown = settings.keys.first(where: { !["name", "packageid"].contains($0) }) {
            throw DBusError.invalidArgs("unknown import option '\(unknown)'; known: Name, PackageID")
        }
        let id: String
        switch consume payload {
        case .text(let text): id = try service.importPackage(text: text, name: settings["name"], sourcePackageID: settings["packageid"], for: caller)
        case .bytes(let data): id = try service.importPackage(data: consume data, name: settings["name"], sourcePackageID: settings["packageid"], for: caller)
        }
        return .objectPath(ProviderPath.path(of: .package(id)))
    }
}

/// Reads what a client passed as a file descriptor, refusing more than the limit.
enum FileDescriptorReader {
    static func readAll(_ descriptor: UnixFileDescriptor, limit: Int) throws -> Data {
        // A regular file says how large it is: one buffer of that size, not a growing one
        // that briefly exists twice while it moves.
        var status = stat()
        let knownSize = fstat(descriptor.rawValue, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG ? Int(status.st_size) : 0
        var data = Data(capacity: min(max(knownSize, 0), limit) + 1)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor.rawValue, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw DBusError.ioError("reading the passed file descriptor failed: \(String(cString: strerror(errno)))")
            }
            if count == 0 { return data }
            data.append(contentsOf: buffer[0..<count])
            guard data.count <= limit else {
                throw ProviderError.limitsExceeded("the payload passed by file descriptor exceeds \(limit) bytes")
            }
        }
    }
}

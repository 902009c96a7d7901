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
         condition.info, expression.info, conditionOperator.info, smsPackage.info, userClassPermissions.info, userInstancePermissions.info,
         computer.info, computerClass.info, collection.info, collectionClass.info,
         advertisement.info, collectionSettings.info, machineSettings.info]
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
        case .computer: [computer.info.name]
        case .collection: [collection.info.name]
        case .classPermission: [userClassPermissions.info.name]
        case .instancePermission: [userInstancePermissions.info.name]
        case .advertisement: [advertisement.info.name]
        case .collectionSettings: [collectionSettings.info.name]
        case .machineSettings: [machineSettings.info.name]
        }
    }

    /// `…Class` on every class object: the class's name, its superclass, its instances.
    static let classObject = DBusInterface<ClassModel>(InterfaceName.named("Class"), doc: """
        A class the provider serves, on /org/tsprovider/Provider1/{ClassName}: its instances and how to create one. \
        Class rights (SMS_UserClassPermissions) are checked here.
        """) {
        DBusProperty("Name", String.self, emitsChangedSignal: .const, doc: "The class name, e.g. SMS_TaskSequencePackage.") { model, _ in model.name }
        DBusProperty("Superclass", String.self, emitsChangedSignal: .const, doc: "The class it derives from (empty for a root class).") { model, _ in ServedClasses.superclass(of: model.name) }
        DBusMethod(
            "Enumerate", outputs: [DBusArgument("instances", .array(.objectPath), doc: "Their object paths.")],
            doc: "The instances of this class and its subclasses that the caller may read."
        ) { model, call in
            let references = try model.bus.service.instances(ofClass: model.name, for: model.bus.caller(call.caller))
            return [.array(.objectPath, references.map { .objectPath(ProviderPath.path(of: $0)) })]
        }
        DBusMethod(
            "CreateInstance", inputs: [DBusArgument("properties", .dictionary(key: .string, value: .variant), doc: "Writable properties by name.")],
            outputs: [DBusArgument("object", .objectPath, doc: "The new instance's path.")],
            doc: "Creates an instance of this class, as the root's CreateInstance does."
        ) { model, call in
            let properties = try ValueConversion.textProperties(call.arguments[0], argument: "properties")
            return [.objectPath(ProviderPath.path(of: try model.bus.createInstance(model.name, properties: properties, caller: model.bus.caller(call.caller))))]
        }
    }

    /// `…TaskSequencePackageClass` on `/…/SMS_TaskSequencePackage`: the class's static methods.
    static let packageClass = DBusInterface<ClassModel>(InterfaceName.named("TaskSequencePackageClass"), doc: """
        The static methods of SMS_TaskSequencePackage, on /org/tsprovider/Provider1/SMS_TaskSequencePackage: \
        importing task sequences in every format ConfigMgr and MDT write.
        """) {
        DBusMethod(
            "ImportSequence", inputs: [DBusArgument("xml", .string, doc: "A sequence in any supported format.")],
            outputs: [DBusArgument("sequence", .string, doc: "The canonical sequence XML, secrets blanked.")],
            doc: "Validates a sequence as an import does and returns it in canonical form without storing anything, like SMS_TaskSequencePackage.ImportSequence. Malformed XML is org.tsprovider.Provider1.Error.InvalidXml naming line and column; rules an import refuses are ValidationFailed listing every one; rules real exports break are kept (ValidateSequence also returns them as warnings)."
        ) { model, call in
            [.string(try model.bus.service.importSequence(xml: call.argument("xml", as: String.self), for: model.bus.caller(call.caller)))]
        }
        DBusMethod(
            "ValidateSequence", inputs: [DBusArgument("xml", .string, doc: "A sequence in any supported format.")],
            outputs: [DBusArgument("sequence", .string, doc: "The canonical sequence XML, secrets blanked, as ImportSequence returns it."),
                      DBusArgument("warnings", .array(.string), doc: "What an import of it would warn about, one line each as place, property and rule; empty when nothing.")],
            doc: "ImportSequence with the warnings: rules real exports break, which an import keeps and stores with the package (its ImportWarnings). Stores nothing. Errors as for ImportSequence, every broken rule listed in the ValidationFailed message."
        ) { model, call in
            let result = try model.bus.service.validateSequence(xml: call.argument("xml", as: String.self), for: model.bus.caller(call.caller))
            return [.string(result.xml), .array(.string, result.warnings.map(DBusValue.string))]
        }
        DBusMethod(
            "Import",
            inputs: [DBusArgument("data", .string, doc: "A bare sequence element, an MDT ts.xml, a ConfigMgr 2007 SmsTaskSequencePackage file or a 2012+ object.xml."),
                     DBusArgument("options", .dictionary(key: .string, value: .variant), doc: "Name (s): the new package's name; PackageID (s): the source package's ID, kept as SourceSite lineage.")],
            outputs: [DBusArgument("package", .objectPath, doc: "The new package.")],
            doc: "Creates a package from an export; needs Create on SMS_TaskSequencePackage, and the caller gets Read, Modify and Delete on it. Rules real exports break are kept, and listed in the new package's ImportWarnings; the rules an import refuses are ValidationFailed listing every one. Payloads near the bus's message size go through ImportFd."
        ) { model, call in
            let text = try call.argument("data", as: String.self)
            return [try model.bus.importPackage(.text(text), options: call.arguments[1], caller: model.bus.caller(call.caller))]
        }
        DBusMethod(
            "ImportFd",
            inputs: [DBusArgument("fd", .unixFD, doc: "A readable file descriptor: any format Import takes, or a .zip export holding object.xml."),
                     DBusArgument("options", .dictionary(key: .string, value: .variant), doc: "As for Import.")],
            outputs: [DBusArgument("package", .objectPath, doc: "The new package.")],
            doc: "Import for payloads too large for a message, and for zip exports; the payload is read to its end, up to the configured maximum (LimitsExceeded beyond it)."
        ) { model, call in
            let caller = try model.bus.caller(call.caller)
            let descriptor = try call.argument("fd", as: UnixFileDescriptor.self)
            let data = try FileDescriptorReader.readAll(descriptor, limit: model.bus.service.configuration.maxXMLBytes)
            return [try model.bus.importPackage(.bytes(consume data), options: call.arguments[1], caller: caller)]
        }
        DBusMethod(
            "CreateFromTemplate",
            inputs: [DBusArgument("template", .string, doc: "install-image, build-and-capture or custom (GetTemplates lists them)."),
                     DBusArgument("params", .dictionary(key: .string, value: .variant), doc: """
                        The answers by parameter name (any case): Name (required), Description, BootImage, Image as PACKAGEID:INDEX, \
                        ProductKey, AdminPassword, Workgroup or Domain with DomainOU, JoinAccount and JoinPassword, ClientPackage, \
                        ClientProperties, Updates (required, all or none), Install (as, each PACKAGEID:PROGRAM), ContinueOnInstallError, \
                        TimeZone, RegisteredUser, RegisteredOrganization; for install-image also PartitionDisk, CaptureUserSettings \
                        with UsmtPackage, CaptureNetworkSettings, CaptureWindowsSettings; for build-and-capture also SysprepPackage, \
                        CapturePath, CaptureAccount, CapturePassword, ImageCreatedBy, ImageVersion, ImageDescription. Values are \
                        strings, booleans or numbers; Install also takes an array of strings.
                        """)],
            outputs: [DBusArgument("package", .objectPath, doc: "The new package.")],
            doc: """
                Creates a package holding the sequence the Create Task Sequence Wizard writes for a template, like \
                New-CMTaskSequence. Needs Create on SMS_TaskSequencePackage; the caller gets Read, Modify and Delete on \
                the new package, whose References, Type, BootImageID and TaskSequenceFlags are derived as for an import \
                (a package the site does not have is flagged dangling). An unknown template or parameter, a missing, \
                malformed or contradictory one is org.freedesktop.DBus.Error.InvalidArgs naming the parameter. Passwords and \
                the product key are stored as secrets and never returned.
                """
        ) { model, call in
            let caller = try model.bus.caller(call.caller)
            let parameters = try TemplateConversion.values(call.arguments[1])
            let id = try model.bus.service.createPackage(fromTemplate: call.argument("template", as: String.self), parameters: parameters, for: caller)
            return [.objectPath(ProviderPath.path(of: .package(id)))]
        }
        DBusMethod(
            "GetTemplates",
            outputs: [DBusArgument("templates", .dictionary(key: .string, value: .variant), doc: "Each template by name, as GetTemplate describes it.")],
            doc: "The templates CreateFromTemplate takes, with their parameters."
        ) { model, call in
            let templates = try model.bus.service.sequenceTemplates(for: model.bus.caller(call.caller))
            return [.stringVariantDictionary(Dictionary(uniqueKeysWithValues: templates.map { ($0.name, TemplateConversion.template($0)) }))]
        }
        DBusMethod(
            "GetTemplate",
            inputs: [DBusArgument("name", .string, doc: "A template name, any case.")],
            outputs: [DBusArgument("template", .dictionary(key: .string, value: .variant), doc: """
                Name, Title (the wizard's wording), Description and Parameters: one dictionary each with Name, Type (text, \
                secret, packageID, image, boolean, choice, packagePrograms or capturePath), Required, Secret, Multiple, \
                Description, and Default and Values where it has them.
                """)],
            doc: "One template and its parameters; an unknown name is org.tsprovider.Provider1.Error.NotFound."
        ) { model, call in
            [TemplateConversion.template(try model.bus.service.sequenceTemplate(call.argument("name", as: String.self), for: model.bus.caller(call.caller)))]
        }
        packageClassExportMethods()
        packageClassComparisonMethods()
        packageListMethods()
        packageClassImportBatchMethods()
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
        let settings = try Self.importOptions(options, argument: "options")
        let id: String
        switch consume payload {
        case .text(let text): id = try service.importPackage(text: text, name: settings["name"], sourcePackageID: settings["packageid"], for: caller)
        case .bytes(let data): id = try service.importPackage(data: consume data, name: settings["name"], sourcePackageID: settings["packageid"], for: caller)
        }
        return .objectPath(ProviderPath.path(of: .package(id)))
    }

    /// An import's options by lower-cased name (`name`, `packageid`); any other is InvalidArgs.
    static func importOptions(_ options: DBusValue, argument: String) throws -> [String: String] {
        let settings = Dictionary(try ValueConversion.textProperties(options, argument: argument).map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { $1 })
        if let unknown = settings.keys.first(where: { !["name", "packageid"].contains($0) }) {
            throw DBusError.invalidArgs("unknown import option '\(unknown)'\(argument == "options" ? "" : " in \(argument)"); known: Name, PackageID")
        }
        return settings
    }
}

/// Reads what a client passed as a file descriptor, refusing more than the limit.
enum FileDescriptorReader {
    /// How long a pipe or socket may stay silent before its read fails (`IOError`): the read runs
    /// where the daemon serves calls, and a writer that never writes nor closes must not hold it.
    static let silenceLimitMilliseconds: Int32 = 30_000

    static func readAll(_ descriptor: UnixFileDescriptor, limit: Int, silenceLimit: Int32 = silenceLimitMilliseconds) throws -> Data {
        var status = stat()
        let isRegular = fstat(descriptor.rawValue, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
        var data = Data()
        if isRegular, status.st_size >= 0, status.st_size < limit {
            // A regular file says how large it is: read it (and one more byte, to see its end)
            // straight into the storage the Data keeps — no zeroed buffer, no second copy.
            let capacity = Int(status.st_size) + 1
            let storage = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 1)
            var filled = 0
            do {
                while filled < capacity {
                    guard let count = try readSome(descriptor, into: storage + filled, count: capacity - filled) else { continue }
                    if count == 0 { break }
                    filled += count
                }
            } catch {
                storage.deallocate()
                throw error
            }
            if filled < capacity {
                return Data(bytesNoCopy: storage, count: filled, deallocator: .custom { pointer, _ in pointer.deallocate() })
            }
            // The file grew while it was read: on as for a pipe, from what was read.
            data = Data(bytes: storage, count: filled)
            storage.deallocate()
        }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            if !isRegular {
                var ready = pollfd(fd: descriptor.rawValue, events: Int16(POLLIN), revents: 0)
                let polled = poll(&ready, 1, silenceLimit)
                if polled < 0, errno == EINTR { continue }
                if polled == 0 {
                    throw DBusError.ioError("the passed file descriptor gave no data for \(Double(silenceLimit) / 1000) s")
                }
            }
            guard let count = try buffer.withUnsafeMutableBytes({ try readSome(descriptor, into: $0.baseAddress, count: $0.count) }) else { continue }
            if count == 0 { return data }
            data.append(contentsOf: buffer[0..<count])
            guard data.count <= limit else {
                throw ProviderError.limitsExceeded("the payload passed by file descriptor exceeds \(limit) bytes")
            }
        }
    }

    /// One `read` into `target`: the bytes read (0 at the end), nil when a signal interrupted it.
    private static func readSome(_ descriptor: UnixFileDescriptor, into target: UnsafeMutableRawPointer?, count: Int) throws -> Int? {
        let read = Glibc.read(descriptor.rawValue, target, count)
        if read >= 0 { return read }
        if errno == EINTR { return nil }
        throw DBusError.ioError("reading the passed file descriptor failed: \(String(cString: strerror(errno)))")
    }
}

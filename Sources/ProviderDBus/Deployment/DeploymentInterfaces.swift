import DBusKit
import ProviderCore
import TaskSequenceModel

extension Interfaces {
    /// `…SMS_Advertisement`: a deployment of a task sequence package to a collection.
    static let advertisement = DBusInterface<AdvertisementModel>(InterfaceName.named(ClassName.advertisement), doc: """
        A deployment of a task sequence package to a collection, on /org/tsprovider/Provider1/SMS_Advertisement/{AdvertisementID}. \
        Created with CreateInstance (AdvertisementName, CollectionID, PackageID required; ProgramName is the star). \
        Rights use ObjectKey 3. Reading needs Read on it; changing it needs Modify, deleting it Delete, and both also \
        need Advertise on the collection and Read on the package.
        """) {
        DBusProperty("AdvertisementID", String.self, emitsChangedSignal: .const, doc: "The key: the site code and five hexadecimal digits, numbered apart from PackageIDs.") { model, _ in model.advertisementID }
        DBusProperty("AdvertisementName", String.self, emitsChangedSignal: .const, doc: "Its name; fixed once it exists (delete and deploy again to change it).") { model, context in try model.row(context).advertisementName }
        DBusProperty("CollectionID", String.self, emitsChangedSignal: .const, doc: "The collection it targets; fixed once it exists.") { model, context in try model.row(context).collectionID }
        DBusProperty("PackageID", String.self, emitsChangedSignal: .const, doc: "The task sequence package it deploys; fixed once it exists.") { model, context in try model.row(context).packageID }
        DBusProperty("ProgramName", String.self, emitsChangedSignal: .const, doc: "The star: a task sequence has no other program; fixed once it exists.") { model, context in try model.row(context).programName }
        DBusProperty("Comment", .string, doc: "A comment (writable).", get: { model, context in .string(try model.row(context).comment) },
                     set: { model, value, context in try model.set(.comment, value, context) })
        DBusProperty("AdvertFlags", .uint32, doc: "AdvertFlags bits (writable): 0x800000 show progress, 0x40000 available to boot media and PXE, 0x20 announce immediately, others as in ConfigMgr.", get: { model, context in .uint32(try model.row(context).advertFlags.rawValue) },
                     set: { model, value, context in try model.set(.advertFlags, value, context) })
        DBusProperty("OfferType", .uint32, doc: "0 required, 2 available (writable).", get: { model, context in .uint32(try model.row(context).offerType.rawValue) },
                     set: { model, value, context in try model.set(.offerType, value, context) })
        DBusProperty("PresentTime", .string, doc: "When it becomes available, as a CIM datetime in UTC (writable).", get: { model, context in .string(ValueConversion.cimDateTime(try model.row(context).presentTime)) },
                     set: { model, value, context in try model.set(.presentTime, value, context) })
        DBusProperty("PresentTimeEnabled", .boolean, doc: "Whether PresentTime applies (writable).", get: { model, context in .boolean(try model.row(context).presentTimeEnabled) },
                     set: { model, value, context in try model.set(.presentTimeEnabled, value, context) })
        DBusProperty("ExpirationTime", .string, doc: "When it expires, as a CIM datetime in UTC (writable).", get: { model, context in .string(ValueConversion.cimDateTime(try model.row(context).expirationTime)) },
                     set: { model, value, context in try model.set(.expirationTime, value, context) })
        DBusProperty("ExpirationTimeEnabled", .boolean, doc: "Whether ExpirationTime applies (writable).", get: { model, context in .boolean(try model.row(context).expirationTimeEnabled) },
                     set: { model, value, context in try model.set(.expirationTimeEnabled, value, context) })
        DBusProperty("IncludeSubCollection", .boolean, doc: "Whether members of the collection's sub-collections get it too (writable).", get: { model, context in .boolean(try model.row(context).includeSubCollection) },
                     set: { model, value, context in try model.set(.includeSubCollection, value, context) })
        DBusProperty("SourceSite", String.self, emitsChangedSignal: .const, doc: "The site that created it.") { model, context in try model.row(context).sourceSite }
        DBusMethod("Delete", doc: "Deletes the advertisement and the rights entries on it; needs Delete on it, Advertise on its collection and Read on its package.") { model, call in
            try model.bus.service.deleteAdvertisement(model.advertisementID, for: model.bus.caller(call.caller))
            return []
        }
    }

    /// `…SMS_CollectionSettings`: a collection's task sequence variables.
    static let collectionSettings = settingsInterface(
        ClassName.collectionSettings, keyProperty: "CollectionID", variablesProperty: "CollectionVariables",
        doc: """
            The task sequence variables of a collection, on /org/tsprovider/Provider1/SMS_CollectionSettings/{CollectionID}; \
            every collection has one. Reading needs Read on the collection, changing Modify or ModifyCollectionSetting (0x200000) on it.
            """)

    /// `…SMS_MachineSettings`: a computer's task sequence variables.
    static let machineSettings = settingsInterface(
        ClassName.machineSettings, keyProperty: "ResourceID", variablesProperty: "MachineVariables",
        doc: """
            The task sequence variables of a computer, on /org/tsprovider/Provider1/SMS_MachineSettings/{ResourceID}; \
            every computer has one, holding at most 1000 variables. Reading needs what reading the computer needs; \
            changing needs ModifyResource (128) on the collection class or on a collection the computer is a member of.
            """)

    private static func settingsInterface(_ className: String, keyProperty: String, variablesProperty: String, doc: String) -> DBusInterface<SettingsModel> {
        DBusInterface<SettingsModel>(InterfaceName.named(className), doc: doc) {
            if keyProperty == "ResourceID" {
                DBusProperty(keyProperty, .uint32, emitsChangedSignal: .const, doc: "The key: the computer's ResourceID.") { model, _ in
                    if case .computer(let id) = model.owner { return .uint32(id) }
                    return .uint32(0)
                }
            } else {
                DBusProperty(keyProperty, .string, emitsChangedSignal: .const, doc: "The key: the collection's CollectionID.") { model, _ in
                    if case .collection(let id) = model.owner { return .string(id) }
                    return .string("")
                }
            }
            DBusProperty(variablesProperty, .array(SettingsModel.variableType), doc: """
                The variables in the order first set, as (Name, Value, IsMasked). A masked value is write-only: it reads \
                as an empty string here and everywhere else.
                """) { model, context in try model.variables(context) }
            DBusMethod(
                "SetVariable",
                inputs: [DBusArgument("name", .string, doc: "Letters, digits, underscores and hyphens, 1 to 256, starting with a letter; compared without case."),
                         DBusArgument("value", .string, doc: "At most 4000 characters. An empty value for a variable that is masked and stays masked keeps the stored value."),
                         DBusArgument("masked", .boolean, doc: "Whether the value is write-only.")],
                doc: "Adds the variable or replaces the one of the same name. A broken name or value rule is org.tsprovider.Provider1.Error.ValidationFailed naming Name or Value; a computer holding 1000 already is org.freedesktop.DBus.Error.LimitsExceeded."
            ) { model, call in
                let variable = DeploymentVariable(name: try call.argument("name", as: String.self), value: try call.argument("value", as: String.self),
                                                  isMasked: try call.argument("masked", as: Bool.self))
                try model.bus.service.setVariable(variable, on: model.owner, for: model.bus.caller(call.caller))
                return []
            }
            DBusMethod(
                "RemoveVariable", inputs: [DBusArgument("name", .string, doc: "The variable's name, any case.")],
                doc: "Removes a variable; one that does not exist is org.tsprovider.Provider1.Error.ValidationFailed naming Name."
            ) { model, call in
                try model.bus.service.removeVariable(named: try call.argument("name", as: String.self), from: model.owner, for: model.bus.caller(call.caller))
                return []
            }
        }
    }
}

extension ProviderBus {
    /// `CreateInstance` of SMS_Advertisement.
    func createAdvertisement(properties: [(name: String, value: String)], caller: Caller) throws -> ObjectReference {
        .advertisement(try service.createAdvertisement(properties, for: caller))
    }
}

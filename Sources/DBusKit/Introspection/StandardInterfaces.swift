extension DBusInterfaceInfo {
    /// `org.freedesktop.DBus.Peer`: `Ping` and `GetMachineId`, answered on every path.
    public static let peer = DBusInterfaceInfo(
        "org.freedesktop.DBus.Peer",
        methods: [
            DBusMethodInfo("Ping"),
            DBusMethodInfo("GetMachineId", outputs: [DBusArgument("machine_uuid", .string)]),
        ])

    /// `org.freedesktop.DBus.Introspectable`: `Introspect`, answered on every path.
    public static let introspectable = DBusInterfaceInfo(
        "org.freedesktop.DBus.Introspectable",
        methods: [DBusMethodInfo("Introspect", outputs: [DBusArgument("xml_data", .string)])])

    /// `org.freedesktop.DBus.Properties`: `Get`, `GetAll`, `Set` and `PropertiesChanged`.
    public static let properties = DBusInterfaceInfo(
        "org.freedesktop.DBus.Properties",
        methods: [
            DBusMethodInfo(
                "Get", inputs: [DBusArgument("interface_name", .string), DBusArgument("property_name", .string)],
                outputs: [DBusArgument("value", .variant)]),
            DBusMethodInfo(
                "GetAll", inputs: [DBusArgument("interface_name", .string)],
                outputs: [DBusArgument("props", .dictionary(key: .string, value: .variant))]),
            DBusMethodInfo(
                "Set",
                inputs: [
                    DBusArgument("interface_name", .string), DBusArgument("property_name", .string),
                    DBusArgument("value", .variant),
                ]),
        ],
        signals: [
            DBusSignal(
                "PropertiesChanged",
                arguments: [
                    DBusArgument("interface_name", .string),
                    DBusArgument("changed_properties", .dictionary(key: .string, value: .variant)),
                    DBusArgument("invalidated_properties", .array(.string)),
                ]),
        ])

    /// `org.freedesktop.DBus.ObjectManager`: `GetManagedObjects`, `InterfacesAdded`,
    /// `InterfacesRemoved`.
    public static let objectManager = DBusInterfaceInfo(
        "org.freedesktop.DBus.ObjectManager",
        methods: [
            DBusMethodInfo(
                "GetManagedObjects",
                outputs: [
                    DBusArgument(
                        "object_paths_interfaces_and_properties",
                        .dictionary(key: .objectPath, value: .dictionary(key: .string, value: .dictionary(key: .string, value: .variant)))),
                ]),
        ],
        signals: [
            DBusSignal(
                "InterfacesAdded",
                arguments: [
                    DBusArgument("object_path", .objectPath),
                    DBusArgument("interfaces_and_properties", .dictionary(key: .string, value: .dictionary(key: .string, value: .variant))),
                ]),
            DBusSignal(
                "InterfacesRemoved",
                arguments: [DBusArgument("object_path", .objectPath), DBusArgument("interfaces", .array(.string))]),
        ])
}

/// The standard interfaces' XML, generated once.
enum StandardInterfaceXML {
    static let peer = IntrospectionXML.interfaceElement(.peer, indent: "  ")
    static let introspectable = IntrospectionXML.interfaceElement(.introspectable, indent: "  ")
    static let properties = IntrospectionXML.interfaceElement(.properties, indent: "  ")
    static let objectManager = IntrospectionXML.interfaceElement(.objectManager, indent: "  ")
}

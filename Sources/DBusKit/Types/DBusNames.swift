internal import CDBus

/// Checks bus, interface, member and error names before libdbus sees them (libdbus aborts the
/// process on an invalid one).
///
/// Each check uses libdbus's own validator after ruling out embedded NUL characters, which C
/// strings would silently cut off.
public enum DBusNames {
    /// Whether `name` is a valid bus name: unique (`:1.42`) or well-known (`org.example.App1`).
    public static func isValidBusName(_ name: String) -> Bool {
        check(name) { dbus_validate_bus_name($0, nil) }
    }

    /// Whether `name` is a valid interface name such as `org.example.Thing1`.
    public static func isValidInterfaceName(_ name: String) -> Bool {
        check(name) { dbus_validate_interface($0, nil) }
    }

    /// Whether `name` is a valid member (method, signal or property) name such as `GetAll`.
    public static func isValidMemberName(_ name: String) -> Bool {
        check(name) { dbus_validate_member($0, nil) }
    }

    /// Whether `name` is a valid error name such as `org.example.Error.Conflict`.
    public static func isValidErrorName(_ name: String) -> Bool {
        check(name) { dbus_validate_error_name($0, nil) }
    }

    /// Throws ``DBusError/invalidArgs(_:)`` unless `name` is a valid bus name.
    public static func validateBusName(_ name: String) throws {
        guard isValidBusName(name) else {
            throw DBusError.invalidArgs(
                "'\(name)' is not a valid bus name (expected ':1.42' or dot-separated elements like 'org.example.App1')")
        }
    }

    /// Throws ``DBusError/invalidArgs(_:)`` unless `name` is a valid interface name.
    public static func validateInterfaceName(_ name: String) throws {
        guard isValidInterfaceName(name) else {
            throw DBusError.invalidArgs(
                "'\(name)' is not a valid interface name (expected at least two dot-separated elements of [A-Za-z0-9_], not starting with a digit)")
        }
    }

    /// Throws ``DBusError/invalidArgs(_:)`` unless `name` is a valid member name.
    public static func validateMemberName(_ name: String) throws {
        guard isValidMemberName(name) else {
            throw DBusError.invalidArgs(
                "'\(name)' is not a valid member name (expected [A-Za-z_][A-Za-z0-9_]*)")
        }
    }

    /// Throws ``DBusError/invalidArgs(_:)`` unless `name` is a valid error name.
    public static func validateErrorName(_ name: String) throws {
        guard isValidErrorName(name) else {
            throw DBusError.invalidArgs(
                "'\(name)' is not a valid error name (expected dot-separated elements like 'org.example.Error.Failed')")
        }
    }

    private static func check(_ name: String, _ validator: (UnsafePointer<CChar>) -> dbus_bool_t) -> Bool {
        guard !name.utf8.contains(0), name.utf8.count <= 255 else { return false }
        return name.withCString { validator($0) != 0 }
    }
}

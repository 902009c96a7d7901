import DBusKit
import Testing
import TestSupport

/// The test service as other D-Bus implementations see it: sd-bus (busctl), GDBus (gdbus) and
/// python-dbus, including a caller running as another user.
@Suite struct ExternalClientTests {
    static let busctl = "/usr/bin/busctl"
    static let gdbus = "/usr/bin/gdbus"
    /// Debian's interpreter, which has the dbus module (the first python3 on PATH may not).
    static let python = "/usr/bin/python3"

    @Test func busctlIntrospectsCallsAndReadsProperties() async throws {
        try await withService { service async throws in
            let address = "--address=\(service.bus.address)"
            let introspection = try runTool(Self.busctl, [address, "introspect", TestService.busName, "/org/dbuskit/Test"])
            #expect(introspection.succeeded, "\(introspection)")
            #expect(introspection.standardOutput.contains("org.dbuskit.Test1"))
            #expect(introspection.standardOutput.contains(".Concat"))
            #expect(introspection.standardOutput.contains("su"))
            #expect(introspection.standardOutput.contains(".Notice"))

            let call = try runTool(Self.busctl, [address, "call", TestService.busName, "/org/dbuskit/Test", TestService.interfaceName, "Concat", "su", "ab", "2"])
            #expect(call.standardOutput.trimmingTrailingNewlines == #"s "abab""#, "\(call)")

            let property = try runTool(Self.busctl, [address, "get-property", TestService.busName, "/org/dbuskit/Test", TestService.interfaceName, "Name"])
            #expect(property.standardOutput.trimmingTrailingNewlines == #"s "initial""#, "\(property)")

            let wrong = try runTool(Self.busctl, [address, "call", TestService.busName, "/org/dbuskit/Test", TestService.interfaceName, "Concat", "ss", "a", "b"])
            #expect(!wrong.succeeded)
            #expect(wrong.standardError.contains("argument 2 'count' must be uint32"), "\(wrong)")

            let item = try runTool(Self.busctl, [address, "call", TestService.busName, "/org/dbuskit/Items/765432", TestService.itemInterfaceName, "Describe"])
            #expect(item.standardOutput.contains("item 765432"), "\(item)")
        }
    }

    @Test func busctlWalksTheWholeTree() async throws {
        try await withService { service async throws in
            let tree = try runTool(Self.busctl, ["--address=\(service.bus.address)", "--list", "tree", TestService.busName])
            #expect(tree.succeeded, "\(tree)")
            let paths = Set(tree.standardOutput.split(separator: "\n").map { String($0).trimmingTrailingNewlines })
            for expected in [
                "/", "/org", "/org/dbuskit", "/org/dbuskit/Test", "/org/dbuskit/Items", "/org/dbuskit/Items/0",
                "/org/dbuskit/Items/2", "/org/dbuskit/Tree/a/x", "/org/dbuskit/Tree/b", "/org/dbuskit/Private/beta",
            ] {
                #expect(paths.contains(expected), "busctl tree is missing \(expected): \(tree.standardOutput)")
            }
        }
    }

    @Test func gdbusIntrospectsAndCalls() async throws {
        try await withService { service async throws in
            let introspection = try runTool(Self.gdbus, [
                "introspect", "--address", service.bus.address, "--dest", TestService.busName, "--object-path", "/org/dbuskit/Test",
            ])
            #expect(introspection.succeeded, "\(introspection)")
            #expect(introspection.standardOutput.contains("interface org.dbuskit.Test1"))
            #expect(introspection.standardOutput.contains("Concat(in  s text,"))
            #expect(introspection.standardOutput.contains("readwrite s Name"))

            let recursive = try runTool(Self.gdbus, [
                "introspect", "--address", service.bus.address, "--dest", TestService.busName, "--object-path", "/org/dbuskit/Tree",
                "--recurse", "--only-properties",
            ])
            #expect(recursive.standardOutput.contains("node /org/dbuskit/Tree/a/x"), "\(recursive)")

            let call = try runTool(Self.gdbus, [
                "call", "--address", service.bus.address, "--dest", TestService.busName, "--object-path", "/org/dbuskit/Test",
                "--method", "org.dbuskit.Test1.Concat", "gd", "uint32 3",
            ])
            #expect(call.standardOutput.trimmingTrailingNewlines == "('gdgdgd',)", "\(call)")
        }
    }

    static let pythonClient = """
        import sys, dbus
        bus = dbus.bus.BusConnection(sys.argv[1])
        obj = bus.get_object('org.dbuskit.Test', '/org/dbuskit/Test')
        test = dbus.Interface(obj, 'org.dbuskit.Test1')
        print('concat', test.Concat('py', dbus.UInt32(2)))
        print('name', obj.Get('org.dbuskit.Test1', 'Name', dbus_interface='org.freedesktop.DBus.Properties'))
        echoed = test.EchoVariant(dbus.Dictionary({'k': dbus.Int32(5)}, signature='sv', variant_level=1))
        print('variant', echoed['k'])
        sender, uid, gids, pid = test.WhoAmI()
        print('uid', int(uid))
        try:
            test.Concat('x', 'y', signature='ss')
        except dbus.DBusException as error:
            print('error', error.get_dbus_name())
        try:
            bus.get_object('org.dbuskit.Test', '/org/dbuskit/Private/alpha').Get(
                'org.dbuskit.Secret1', 'Label', dbus_interface='org.freedesktop.DBus.Properties')
            print('private visible')
        except dbus.DBusException as error:
            print('private', error.get_dbus_name())
        listing = bus.get_object('org.dbuskit.Test', '/org/dbuskit/Private').Introspect(
            dbus_interface='org.freedesktop.DBus.Introspectable')
        print('children', listing.count('<node name='))
        """

    @Test func pythonDBusCallsTheService() async throws {
        try await withService { service async throws in
            let run = try runTool(Self.python, ["-c", Self.pythonClient, service.bus.address])
            #expect(run.succeeded, "\(run)")
            let lines = run.standardOutput.split(separator: "\n").map(String.init)
            #expect(lines == [
                "concat pypy", "name initial", "variant 5", "uid 0",
                "error org.freedesktop.DBus.Error.InvalidArgs", "private visible", "children 2",
            ], "\(run)")
        }
    }

    /// The caller's identity comes from the bus daemon: a client running as `nobody` is seen as
    /// uid 65534, and objects hidden from it do not exist (UnknownObject, no child nodes).
    @Test func credentialsOfAnotherUserReachTheHandler() async throws {
        try await withService { service async throws in
            let run = try runTool("/usr/bin/setpriv", [
                "--reuid=65534", "--regid=65534", "--clear-groups", Self.python, "-c", Self.pythonClient, service.bus.address,
            ])
            #expect(run.succeeded, "\(run)")
            let lines = run.standardOutput.split(separator: "\n").map(String.init)
            #expect(lines.contains("uid 65534"), "\(run)")
            #expect(lines.contains("private org.freedesktop.DBus.Error.UnknownObject"), "\(run)")
            #expect(lines.contains("children 0"), "\(run)")
        }
    }
}

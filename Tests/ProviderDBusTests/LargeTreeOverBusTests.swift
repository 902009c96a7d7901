import DBusKit
import Foundation
import ProviderStore
import TaskSequenceModel
import Testing
import TestSupport

/// A store of 2,000 packages (more than the old whole-tree reply could carry) served by a real
/// daemon: generic clients — busctl, python-dbus, GLib's GDBusObjectManagerClient — get every
/// package from the root manager, and the daemon serves on.
@Suite(.serialized) struct LargeTreeOverBusTests {
    static let packages = 2_000

    /// Writes `count` one-step packages straight into the daemon's store (stopped meanwhile):
    /// importing them one call at a time would take most of the test.
    static func seed(_ daemon: ProviderDaemon, count: Int) async throws {
        _ = daemon.stop()
        let step = try ActionCatalog.builtIn.makeStep(
            ofClass: "SMS_TaskSequence_RunCommandLineAction", name: "Run", settings: ["CommandLine": "cmd /c echo"])
        let sequence = TaskSequence(schemaVersion: "3.10", steps: [step])
        let store = try daemon.openStore()
        try store.write { db in
            for number in 0..<count {
                var properties = PackageProperties()
                properties.packageID = try ProviderStore.allocatePackageID(siteCode: "PS1", in: db)
                properties.name = "Seeded \(number)"
                properties.packageType = 4
                properties.sourceVersion = 1
                properties.sourceSite = "PS1"
                try PackageRow(properties: properties, sequenceAttributes: sequence.attributes).insert(db)
                try SequenceTree.replace(packageID: properties.packageID, with: sequence, in: db)
            }
        }
        try await daemon.launch()
    }

    /// Opens a GDBusObjectManagerClient on the root (as GLib applications do), prints how many
    /// packages it holds, then creates, renames and deletes a package on its own connection and
    /// prints what the manager saw of each, with the proxy's cached Name after the rename.
    static let gdbusManagerClient = """
        import sys
        from gi.repository import Gio, GLib
        NAME = 'org.tsprovider.Provider1'
        ROOT = '/org/tsprovider/Provider1'
        PACKAGE = NAME + '.SMS_TaskSequencePackage'
        flags = Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT | Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION
        connection = Gio.DBusConnection.new_for_address_sync(sys.argv[1], flags, None, None)
        manager = Gio.DBusObjectManagerClient.new_sync(
            connection, Gio.DBusObjectManagerClientFlags.NONE, NAME, ROOT, None, None, None)
        packages = [o for o in manager.get_objects() if o.get_interface(PACKAGE) is not None]
        print('packages', len(packages), flush=True)

        loop = GLib.MainLoop()
        seen = []
        def note(text):
            seen.append(text)
            loop.quit()
        manager.connect('object-added', lambda m, o: note('added ' + o.get_object_path()))
        manager.connect('object-removed', lambda m, o: note('removed ' + o.get_object_path()))
        manager.connect('interface-proxy-properties-changed',
                        lambda m, o, p, changed, invalidated: note('changed ' + o.get_object_path()) if 'Name' in changed.keys() else None)
        GLib.timeout_add_seconds(60, loop.quit)  # a hang guard only

        def wait_for(prefix):
            while not any(s.startswith(prefix) for s in seen):
                before = len(seen)
                loop.run()
                if len(seen) == before:
                    print('gave up waiting for', prefix, flush=True)
                    sys.exit(1)

        def call(path, interface, member, signature, args):
            return connection.call_sync(NAME, path, interface, member, GLib.Variant(signature, args), None,
                                        Gio.DBusCallFlags.NONE, 120000, None)

        xml = '<sequence version="3.10"><step type="SMS_TaskSequence_RebootAction" name="Restart"><action>smsboot.exe /target:HD</action><defaultVarList><variable name="SMSRebootTarget" property="Target">HD</variable></defaultVarList></step></sequence>'
        path = call(ROOT + '/SMS_TaskSequencePackage', NAME + '.TaskSequencePackageClass', 'Import', '(sa{sv})',
                    (xml, {'Name': GLib.Variant('s', 'from gio')})).unpack()[0]
        wait_for('added ' + path)
        print('added', manager.get_interface(path, PACKAGE).get_cached_property('Name').unpack(), flush=True)
        call(path, 'org.freedesktop.DBus.Properties', 'Set', '(ssv)', (PACKAGE, 'Name', GLib.Variant('s', 'renamed in gio')))
        wait_for('changed ' + path)
        print('renamed', manager.get_interface(path, PACKAGE).get_cached_property('Name').unpack(), flush=True)
        call(path, PACKAGE, 'Delete', '()', ())
        wait_for('removed ' + path)
        print('removed', manager.get_object(path) is None, flush=True)
        """

    @Test func twoThousandPackagesComeFromTheRootManagerAndTheDaemonServesOn() async throws {
        let daemon = try await ProviderDaemon.start()
        defer { daemon.shutdown() }
        try await Self.seed(daemon, count: Self.packages)

        // busctl, as a user would type it.
        let busctl = try ExternalTools.busctl(daemon, [
            "--json=short", "call", Provider.busName, Provider.rootPath, "org.freedesktop.DBus.ObjectManager", "GetManagedObjects",
        ])
        #expect(busctl.succeeded, "\(busctl)")
        let (_, data) = try BusctlJSON.parse(busctl.standardOutput)
        let objects = (data as? [Any])?.first as? [String: Any] ?? [:]
        let packagePaths = objects.keys.filter { $0.hasPrefix(Provider.packageClassPath + "/") }
        #expect(packagePaths.count == Self.packages)
        #expect(objects.keys.allSatisfy { $0.split(separator: "/").count <= 5 }, "no steps in the root's reply")

        // The daemon is still on the bus and serving.
        let count = try ProviderClient(daemon.client).packagePaths().count
        #expect(count == Self.packages)

        // A GLib application's object manager gets every package and stays current.
        let gio = try ExternalTools.python(Self.gdbusManagerClient, daemon)
        #expect(gio.succeeded, "\(gio)")
        let lines = gio.outputLines
        #expect(lines == ["packages \(Self.packages)", "added from gio", "renamed renamed in gio", "removed True"], "\(gio)")
    }
}

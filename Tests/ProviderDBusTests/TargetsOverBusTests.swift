import DBusKit
import Foundation
import Testing
import TestSupport

/// Computers and collections over the bus: python-dbus imports computers (one, and a CSV file
/// with a bad line), builds collections with direct and query rules and grants rights as root;
/// then real Unix users run python-dbus and busctl and see exactly the collections they may
/// read and the computers in them, nothing else, through every listing.
@Suite(.serialized) struct TargetsOverBusTests {
    static let none = TestPrincipal("tspt-none")
    static let labReader = TestPrincipal("tspt-labreader")

    static let setup = """
        import sys, dbus
        bus = dbus.bus.BusConnection(sys.argv[1])
        N, R, P = 'org.tsprovider.Provider1', '/org/tsprovider/Provider1', 'org.tsprovider.Provider1.'
        computers = bus.get_object(N, R + '/SMS_R_System')
        rid, path = computers.Import(dbus.Dictionary({'Name': 'OLD-PC', 'MACAddress': '00:11:22:33:44:00'}, signature='sv'),
                                     dbus_interface=P + 'ComputerClass')
        print('old', int(rid), path)
        csv = 'Name,SMBIOS GUID,MAC Address,Source Computer\\nLAB-01,,00-11-22-33-44-01,OLD-PC\\nBAD PC,,00:11:22:33:44:02\\nLAB-02,4c4c4544-0038-3510-8050-b4c04f4e3732,\\n'
        for line in computers.ImportCsv(csv, False, dbus_interface=P + 'ComputerClass'):
            print('line', int(line[0]), line[1], int(line[2]) > 0, line[3])
        for association in computers.GetAssociations(dbus_interface=P + 'ComputerClass'):
            print('association', association[1], association[3])
        classes = bus.get_object(N, R + '/SMS_Collection')
        lab, lab_path = classes.Create('Lab', 'lab machines', '', dbus_interface=P + 'CollectionClass')
        office, office_path = classes.Create('Office', '', '', dbus_interface=P + 'CollectionClass')
        lab_object = bus.get_object(N, lab_path)
        query_id = lab_object.AddQueryRule('labs', "SELECT * FROM SMS_R_System WHERE Name LIKE 'LAB-%'", dbus_interface=P + 'SMS_Collection')
        bus.get_object(N, office_path).AddDirectRules(['OLD-PC'], dbus_interface=P + 'SMS_Collection')
        print('collections', lab, office, int(query_id))
        print('members', ' '.join(str(m[1]) for m in lab_object.GetMembers(dbus_interface=P + 'SMS_Collection')))
        print('count', int(lab_object.Get(P + 'SMS_Collection', 'MemberCount', dbus_interface='org.freedesktop.DBus.Properties')))
        try:
            lab_object.AddQueryRule('bad', 'SELECT * FROM SMS_Package', dbus_interface=P + 'SMS_Collection')
        except dbus.DBusException as error:
            print('bad query', error.get_dbus_name())
        permissions = bus.get_object(N, R + '/SMS_UserInstancePermissions')
        permissions.CreateInstance(dbus.Dictionary({'UserName': sys.argv[2], 'ObjectKey': dbus.UInt32(1), 'InstanceKey': lab,
                                                    'InstancePermissions': dbus.UInt32(1)}, signature='sv'), dbus_interface=P + 'Class')
        """

    /// What a user sees: every listing of collections and computers, one line each.
    static let look = """
        import sys, dbus
        bus = dbus.bus.BusConnection(sys.argv[1])
        N, R, P = 'org.tsprovider.Provider1', '/org/tsprovider/Provider1', 'org.tsprovider.Provider1.'
        root = bus.get_object(N, R)
        managed = root.GetManagedObjects(dbus_interface='org.freedesktop.DBus.ObjectManager')
        print('managed', ' '.join(sorted(p.split('/')[-1] for p in managed if '/SMS_Collection/' in p or '/SMS_R_System/' in p)))
        for name in ['SMS_Collection', 'SMS_R_System']:
            paths = bus.get_object(N, R + '/' + name).Enumerate(dbus_interface=P + 'Class')
            print('enumerate', name, ' '.join(p.split('/')[-1] for p in paths))
        for wql in ['SELECT * FROM SMS_Collection', 'SELECT * FROM SMS_R_System', 'SELECT * FROM SMS_FullCollectionMembership']:
            rows = root.ExecQuery(wql, dbus_interface=N)
            print('query', wql.split()[-1], ' '.join(sorted(str(r['__RELPATH']) for r in rows)))
        for relpath in ['SMS_Collection.CollectionID="' + sys.argv[2] + '"', 'SMS_Collection.CollectionID="' + sys.argv[3] + '"']:
            try:
                root.GetObject(relpath, dbus_interface=N)
                print('get', relpath, 'found')
            except dbus.DBusException as error:
                print('get', relpath, error.get_dbus_name())
        try:
            bus.get_object(N, R + '/SMS_Collection/' + sys.argv[3]).Introspect(dbus_interface='org.freedesktop.DBus.Introspectable')
            print('introspect office found')
        except dbus.DBusException as error:
            print('introspect office', error.get_dbus_name())
        children = bus.get_object(N, R + '/SMS_Collection').Introspect(dbus_interface='org.freedesktop.DBus.Introspectable')
        print('children', sys.argv[2] in children, sys.argv[3] in children)
        """

    @Test func importsBuildCollectionsAndEachUserSeesOnlyWhatItMayRead() async throws {
        let daemon = try await ProviderDaemon.start()
        defer { daemon.shutdown() }
        for user in [Self.none, Self.labReader] { _ = try UnixAccounts.identity(of: user) }

        let setup = try ExternalTools.python(Self.setup, daemon, [Self.labReader.name])
        #expect(setup.succeeded, "\(setup)")
        let old = "/org/tsprovider/Provider1/SMS_R_System/16777217"
        #expect(setup.outputLines == [
            "old 16777217 \(old)",
            "line 2 LAB-01 True ", "line 3 BAD PC False 'BAD PC' may hold only letters, digits, '-' and '_'", "line 4 LAB-02 True ",
            "association OLD-PC LAB-01",
            "collections PS100001 PS100002 1", "members LAB-01 LAB-02", "count 2",
            "bad query org.tsprovider.Provider1.Error.InvalidQuery",
        ], "\(setup)")

        let lab = "PS100001", office = "PS100002"
        let nobody = try ClientSession.tool(ExternalTools.python, ["-c", Self.look, daemon.bus.address, lab, office], as: Self.none)
        #expect(nobody.succeeded, "\(nobody)")
        #expect(nobody.outputLines == [
            "managed ", "enumerate SMS_Collection ", "enumerate SMS_R_System ",
            "query SMS_Collection ", "query SMS_R_System ", "query SMS_FullCollectionMembership ",
            "get SMS_Collection.CollectionID=\"\(lab)\" org.tsprovider.Provider1.Error.NotFound",
            "get SMS_Collection.CollectionID=\"\(office)\" org.tsprovider.Provider1.Error.NotFound",
            "introspect office org.freedesktop.DBus.Error.UnknownObject", "children False False",
        ], "\(nobody)")

        let reader = try ClientSession.tool(ExternalTools.python, ["-c", Self.look, daemon.bus.address, lab, office], as: Self.labReader)
        #expect(reader.succeeded, "\(reader)")
        #expect(reader.outputLines == [
            "managed 16777218 16777219 \(lab)", "enumerate SMS_Collection \(lab)", "enumerate SMS_R_System 16777218 16777219",
            "query SMS_Collection SMS_Collection.CollectionID=\"\(lab)\"",
            "query SMS_R_System SMS_R_System.ResourceID=16777218 SMS_R_System.ResourceID=16777219",
            "query SMS_FullCollectionMembership SMS_FullCollectionMembership.CollectionID=\"\(lab)\",ResourceID=16777218 SMS_FullCollectionMembership.CollectionID=\"\(lab)\",ResourceID=16777219",
            "get SMS_Collection.CollectionID=\"\(lab)\" found",
            "get SMS_Collection.CollectionID=\"\(office)\" org.tsprovider.Provider1.Error.NotFound",
            "introspect office org.freedesktop.DBus.Error.UnknownObject", "children True False",
        ], "\(reader)")

        // busctl as the lab reader: the tree holds the readable collection and its computers only.
        let tree = try ClientSession.tool(ExternalTools.busctl, ["--address=\(daemon.bus.address)", "--list", "tree", "org.tsprovider.Provider1"], as: Self.labReader)
        #expect(tree.succeeded, "\(tree)")
        let listed = tree.outputLines.filter { $0.contains("/SMS_Collection/") || $0.contains("/SMS_R_System/") }
        #expect(listed == [
            "/org/tsprovider/Provider1/SMS_Collection/\(lab)",
            "/org/tsprovider/Provider1/SMS_R_System/16777218", "/org/tsprovider/Provider1/SMS_R_System/16777219",
        ], "\(tree)")
    }
}

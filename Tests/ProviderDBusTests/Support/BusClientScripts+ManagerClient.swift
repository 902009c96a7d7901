extension BusClientScripts {
    /// `python3 -c MANAGER_CLIENT ADDRESS GO_FILE MANAGER…`: what a generic object-manager
    /// client (GDBusObjectManagerClient) does, with no `Subscribe()`: listens to the service's
    /// signals, calls `GetManagedObjects` on each MANAGER path, prints `ready`; once GO_FILE
    /// exists it pings the daemon (the reply comes after every signal sent before it) and
    /// prints the signals it received as one JSON list of `{member, interface, path, args}`.
    static let managerClient = plain + """
        import os
        from dbus.mainloop.glib import DBusGMainLoop
        from gi.repository import GLib

        DBusGMainLoop(set_as_default=True)
        bus = dbus.bus.BusConnection(sys.argv[1])
        go_file = sys.argv[2]
        received = []
        loop = GLib.MainLoop()

        def on_signal(*args, **where):
            received.append({'member': where['member'], 'interface': where['interface'],
                             'path': str(where['path']), 'args': plain(list(args))})

        owner = bus.get_name_owner(NAME)
        # The match rule GDBusObjectManagerClient adds: the service's signals under the manager.
        bus.add_match_string("type='signal',sender='%s',path_namespace='/org/tsprovider/Provider1'" % owner)
        bus.add_signal_receiver(on_signal, bus_name=owner, member_keyword='member',
                                interface_keyword='interface', path_keyword='path')
        for manager in sys.argv[3:]:
            try:
                bus.call_blocking(NAME, manager, 'org.freedesktop.DBus.ObjectManager', 'GetManagedObjects', '', (), timeout=120)
            except dbus.DBusException as error:
                print(manager, error.get_dbus_name(), file=sys.stderr, flush=True)
        print('ready', flush=True)

        def finish(*ignored):
            print(json.dumps(received), flush=True)
            loop.quit()

        def failed(error):
            print(json.dumps({'ping_failed': str(error)}), flush=True)
            loop.quit()

        def poll():
            if not os.path.exists(go_file):
                return True
            bus.call_async(owner, '/org/tsprovider/Provider1', 'org.freedesktop.DBus.Peer', 'Ping', '', (),
                           finish, failed)
            return False

        GLib.timeout_add(20, poll)
        loop.run()
        """
}

/// The python-dbus programs the security tests run as other users (Debian's `/usr/bin/python3`).
enum BusClientScripts {
    /// Converts D-Bus values to JSON-ready python values; shared by both programs.
    static let plain = """
        import sys, json, dbus
        NAME = 'org.tsprovider.Provider1'

        def plain(value):
            if isinstance(value, dbus.Boolean):
                return bool(value)
            if isinstance(value, (dbus.Dictionary, dict)):
                return {str(key): plain(item) for key, item in value.items()}
            if isinstance(value, (dbus.Array, dbus.Struct, list, tuple)):
                return [plain(item) for item in value]
            if isinstance(value, int):
                return int(value)
            if isinstance(value, float):
                return float(value)
            if value is None:
                return None
            return str(value)

        """

    /// `python3 -c EXECUTOR ADDRESS < plan.json`: performs each planned call (see
    /// ``PlannedCall``) in order on one connection and prints one JSON list of
    /// `{id, ok, result | error_name, error_message}`.
    static let executor = plain + """
        def argument(value):
            if isinstance(value, dict):
                (kind, inner), = value.items()
                if kind == 'u': return dbus.UInt32(inner)
                if kind == 'i': return dbus.Int32(inner)
                if kind == 'b': return dbus.Boolean(inner)
                if kind == 'o': return dbus.ObjectPath(inner)
                if kind == 'a{sv}': return dbus.Dictionary({k: argument(v) for k, v in inner.items()}, signature='sv')
                raise ValueError('unknown argument kind ' + kind)
            return value

        bus = dbus.bus.BusConnection(sys.argv[1])
        outcomes = []
        for call in json.load(sys.stdin):
            outcome = {'id': call['id']}
            try:
                reply = bus.call_blocking(NAME, call['path'], call['interface'], call['member'], call['signature'],
                                          tuple(argument(a) for a in call['args']), timeout=120)
                outcome.update(ok=True, result=plain(reply))
            except dbus.DBusException as error:
                outcome.update(ok=False, error_name=error.get_dbus_name(), error_message=error.get_dbus_message())
            outcomes.append(outcome)
        print(json.dumps(outcomes))
        """

    /// `python3 -c SUBSCRIBER ADDRESS GO_FILE`: listens to every signal the provider sends,
    /// calls `Subscribe`, prints `ready`; once GO_FILE exists it pings the daemon's unique name
    /// (the reply comes after every signal sent before it) and prints the signals it received
    /// as one JSON list of `{member, interface, path, args}`.
    static let subscriber = plain + """
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
        bus.add_signal_receiver(on_signal, bus_name=owner, member_keyword='member',
                                interface_keyword='interface', path_keyword='path')
        bus.call_blocking(NAME, '/org/tsprovider/Provider1', NAME, 'Subscribe', '', ())
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

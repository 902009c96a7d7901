import DBusKit

/// The bus policy tsproviderd runs under: only root and the service user `tsprovider` (whom
/// the systemd unit runs it as) own the name, everyone may call it and receive its signals; the
/// daemon itself decides every call. `policy/org.tsprovider.Provider1.conf` is this text (a test
/// keeps them equal), and `--private-bus` starts its bus with it.
public enum BusPolicy {
    /// The system user the packaged daemon runs as (`policy/tsprovider.sysusers.conf`).
    public static let serviceUser = "tsprovider"

    /// The `<policy>` elements.
    public static let policies = """
          <policy user="root">
            <allow own="org.tsprovider.Provider1"/>
          </policy>
          <policy user="\(serviceUser)">
            <allow own="org.tsprovider.Provider1"/>
          </policy>
          <policy context="default">
            <allow send_destination="org.tsprovider.Provider1"/>
            <allow receive_sender="org.tsprovider.Provider1"/>
          </policy>
        """

    /// The whole file installed to `/usr/share/dbus-1/system.d/`.
    public static let file = """
        <?xml version="1.0"?>
        <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
         "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
        <!--
          Bus policy for tsproviderd. Installed to /usr/share/dbus-1/system.d/.
          Only root and tsprovider (the user tsproviderd.service runs as) may own the name;
          everyone may call it. The daemon itself checks every caller's
          class and instance rights, so the bus lets every call through to it.
        -->
        <busconfig>
        \(policies)
        </busconfig>

        """

    /// The bus `tsproviderd --private-bus` starts: system-type, the stock system bus limits
    /// (with room for pipelined calls, ``PrivateBus/Limits/systemBus``) and
    /// ``privateBusConfiguration(owner:)``.
    public static func privateBus(owner: String?) -> PrivateBus.Configuration {
        var configuration = PrivateBus.Configuration()
        configuration.allowEveryone = false
        configuration.busType = "system"
        configuration.limits = .systemBus
        configuration.extraConfiguration = privateBusConfiguration(owner: owner)
        return configuration
    }

    /// Configuration for a private bus shaped like the system bus (the default policy of
    /// Debian's `system.conf`): anyone may connect, nobody may own names or call peers except as
    /// this policy allows, and `owner` (the daemon's own user, when it is not root) may own the
    /// provider's name.
    public static func privateBusConfiguration(owner: String?) -> String {
        let ownerPolicy = owner.map { """
              <policy user="\($0)">
                <allow own="org.tsprovider.Provider1"/>
              </policy>
            """ } ?? ""
        return """
              <policy context="default">
                <allow user="*"/>
                <deny own="*"/>
                <deny send_type="method_call"/>
                <allow send_type="signal"/>
                <allow send_requested_reply="true" send_type="method_return"/>
                <allow send_requested_reply="true" send_type="error"/>
                <allow receive_type="method_call"/>
                <allow receive_type="method_return"/>
                <allow receive_type="error"/>
                <allow receive_type="signal"/>
                <allow send_destination="org.freedesktop.DBus"/>
              </policy>
            \(policies)
            \(ownerPolicy)
            """
    }
}

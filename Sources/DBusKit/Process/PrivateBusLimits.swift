extension PrivateBus {
    /// The `<limit>` settings of a private bus (see dbus-daemon(1), "limit"), by name.
    ///
    /// Limits not named keep dbus-daemon's built-in values, which are the system bus's.
    public struct Limits: Sendable, Hashable {
        /// Values by limit name, e.g. `max_message_size`.
        public var values: [String: Int]

        /// Limits with these values.
        public init(_ values: [String: Int]) {
            self.values = values
        }

        /// The stock system bus limits (the values `/usr/share/dbus-1/system.conf` documents as
        /// dbus-daemon's built-in ones), written out so the config states them, with
        /// `pendingReplies` calls in progress per connection.
        ///
        /// The system bus allows 128 pending replies; a client that pipelines calls (a
        /// benchmark, a bulk tool keeping a window of calls in flight) hits that at once and
        /// gets `LimitsExceeded`. 1024 keeps such clients working; each pending reply costs the
        /// bus a small record, and queued bytes stay capped by `max_incoming_bytes` and
        /// `max_outgoing_bytes` (127 MiB per connection) whatever the count.
        public static func systemBus(pendingReplies: Int = 1024) -> Limits {
            Limits([
                "max_incoming_bytes": 133_169_152,
                "max_incoming_unix_fds": 64,
                "max_outgoing_bytes": 133_169_152,
                "max_outgoing_unix_fds": 64,
                "max_message_size": 33_554_432,
                "max_message_unix_fds": 16,
                "service_start_timeout": 25_000,
                "auth_timeout": 5_000,
                "pending_fd_timeout": 150_000,
                "max_completed_connections": 2_048,
                "max_incomplete_connections": 64,
                "max_connections_per_user": 256,
                "max_pending_service_starts": 512,
                "max_names_per_connection": 512,
                "max_match_rules_per_connection": 512,
                "max_replies_per_connection": pendingReplies,
            ])
        }

        /// The stock system bus limits with 1024 pending replies per connection.
        public static let systemBus = systemBus()

        /// Room for test and benchmark load that no real bus should allow: 10,000 connections
        /// per user, 1 GB queued per connection, 50,000 pending replies and match rules, and
        /// 300 s before a call times out.
        public static let generous = Limits([
            "max_replies_per_connection": 50_000,
            "max_match_rules_per_connection": 50_000,
            "max_connections_per_user": 10_000,
            "max_incoming_bytes": 1_000_000_000,
            "max_outgoing_bytes": 1_000_000_000,
            "reply_timeout": 300_000,
        ])

        /// The `<limit>` elements, sorted by name.
        var elements: String {
            values.keys.sorted().map { name in
                "  <limit name=\"\(name)\">\(values[name] ?? 0)</limit>"
            }.joined(separator: "\n")
        }
    }
}

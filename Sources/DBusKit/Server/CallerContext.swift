/// Who is calling: the sender's unique name, and its credentials as the bus daemon reports them.
///
/// Resolvers, enumerators, handlers, getters and setters all receive the caller, so a service
/// can make objects a caller may not see simply not exist for it. Credentials are fetched on
/// first use (`GetConnectionCredentials`) and cached per unique name until the peer disconnects.
public struct CallerContext: Sendable {
    enum Source: Sendable {
        case bus(ConnectionCore)
        case fixed(CallerCredentials)
        case nobody
    }

    /// The caller's unique bus name; `nil` when no single peer is the audience (a broadcast).
    public let sender: String?
    let source: Source

    init(sender: String?, source: Source) {
        self.sender = sender
        self.source = source
    }

    /// A caller with fixed credentials, for testing a service's objects without a bus.
    public init(credentials: CallerCredentials) {
        self.init(sender: credentials.uniqueName, source: .fixed(credentials))
    }

    /// The audience of a broadcast: no peer in particular, so no credentials.
    public static let broadcast = CallerContext(sender: nil, source: .nobody)

    /// The caller's credentials (uid, groups, pid), from the bus daemon.
    ///
    /// - Throws: ``DBusError/accessDenied(_:)`` for ``broadcast`` (a value computed for
    ///   everyone must not depend on one caller's rights); the bus's error when the peer is gone.
    public func credentials() throws -> CallerCredentials {
        switch source {
        case .fixed(let credentials):
            return credentials
        case .nobody:
            throw DBusError.accessDenied("no single caller: this value is computed for a broadcast")
        case .bus(let core):
            guard let sender else { throw DBusError.accessDenied("the message has no sender") }
            return try core.credentials(of: sender)
        }
    }
}

extension CallerContext {
    /// The peer on its connection, for a call from the bus; `nil` for fixed credentials and
    /// for ``broadcast``.
    public var peer: CallerPeer? {
        guard case .bus(let core) = source, let sender else { return nil }
        return CallerPeer(connection: core.serial, uniqueName: sender)
    }
}

/// Which peer, over which connection, a call came from: the same for every call one peer makes
/// over one connection, and then so are its ``CallerContext/credentials()`` — the bus never
/// gives a unique name twice, and credentials are the peer's from its connecting. A service
/// may keep what it derives from the credentials by this key and skip asking for them again.
public struct CallerPeer: Hashable, Sendable {
    /// Which connection of this process received the call.
    let connection: UInt64
    /// The peer's unique bus name, e.g. `:1.42`.
    public let uniqueName: String
}

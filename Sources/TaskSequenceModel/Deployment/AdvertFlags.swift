/// The `SMS_Advertisement.AdvertFlags` bits that matter to a task sequence deployment
/// (reference §2.5), shared by the service and its clients.
///
/// Bits this type does not name are kept as they are: a flag value read from elsewhere
/// round-trips unchanged.
public struct AdvertFlags: OptionSet, Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// IMMEDIATE: announce the deployment as soon as it is created.
    public static let immediate = AdvertFlags(rawValue: 0x20)
    /// ONSYSTEMSTARTUP.
    public static let onSystemStartup = AdvertFlags(rawValue: 0x100)
    /// ONUSERLOGON.
    public static let onUserLogon = AdvertFlags(rawValue: 0x200)
    /// ONUSERLOGOFF.
    public static let onUserLogoff = AdvertFlags(rawValue: 0x400)
    /// OPTIONALPREDOWNLOAD.
    public static let optionalPredownload = AdvertFlags(rawValue: 0x1000)
    /// WINDOWS_CE.
    public static let windowsCE = AdvertFlags(rawValue: 0x8000)
    /// ENABLE_PEER_CACHING.
    public static let enablePeerCaching = AdvertFlags(rawValue: 0x10000)
    /// DONOT_FALLBACK: never fall back to unprotected distribution points.
    public static let doNotFallback = AdvertFlags(rawValue: 0x20000)
    /// ENABLE_TS_FROM_CD_AND_PXE: the sequence may start from boot media and PXE.
    public static let mediaAndPXE = AdvertFlags(rawValue: 0x40000)
    /// APTSINTRANETONLY.
    public static let intranetOnly = AdvertFlags(rawValue: 0x80000)
    /// OVERRIDE_SERVICE_WINDOWS.
    public static let overrideServiceWindows = AdvertFlags(rawValue: 0x100000)
    /// REBOOT_OUTSIDE_OF_SERVICE_WINDOWS.
    public static let rebootOutsideOfServiceWindows = AdvertFlags(rawValue: 0x200000)
    /// WAKE_ON_LAN_ENABLED.
    public static let wakeOnLAN = AdvertFlags(rawValue: 0x400000)
    /// SHOW_PROGRESS: the task sequence progress window.
    public static let showProgress = AdvertFlags(rawValue: 0x800000)
    /// NO_DISPLAY.
    public static let noDisplay = AdvertFlags(rawValue: 0x2000000)
    /// ONSLOWNET.
    public static let onSlowNetwork = AdvertFlags(rawValue: 0x4000000)
    /// TARGETTOWINPE.
    public static let targetToWinPE = AdvertFlags(rawValue: 0x10000000)
    /// HIDDENINWINPE.
    public static let hiddenInWinPE = AdvertFlags(rawValue: 0x20000000)

    /// Every named bit with its SDK name, in bit order.
    public static let named: [(flag: AdvertFlags, name: String)] = [
        (.immediate, "IMMEDIATE"), (.onSystemStartup, "ONSYSTEMSTARTUP"), (.onUserLogon, "ONUSERLOGON"),
        (.onUserLogoff, "ONUSERLOGOFF"), (.optionalPredownload, "OPTIONALPREDOWNLOAD"), (.windowsCE, "WINDOWS_CE"),
        (.enablePeerCaching, "ENABLE_PEER_CACHING"), (.doNotFallback, "DONOT_FALLBACK"),
        (.mediaAndPXE, "ENABLE_TS_FROM_CD_AND_PXE"), (.intranetOnly, "APTSINTRANETONLY"),
        (.overrideServiceWindows, "OVERRIDE_SERVICE_WINDOWS"), (.rebootOutsideOfServiceWindows, "REBOOT_OUTSIDE_OF_SERVICE_WINDOWS"),
        (.wakeOnLAN, "WAKE_ON_LAN_ENABLED"), (.showProgress, "SHOW_PROGRESS"), (.noDisplay, "NO_DISPLAY"),
        (.onSlowNetwork, "ONSLOWNET"), (.targetToWinPE, "TARGETTOWINPE"), (.hiddenInWinPE, "HIDDENINWINPE"),
    ]

    /// The SDK names of the bits set, joined by `|`, with unnamed bits in hex (`SHOW_PROGRESS|0x4`).
    public var description: String {
        var parts = Self.named.filter { contains($0.flag) }.map(\.name)
        let unnamed = rawValue & ~Self.named.reduce(0) { $0 | $1.flag.rawValue }
        if unnamed != 0 { parts.append("0x" + String(unnamed, radix: 16, uppercase: true)) }
        return parts.isEmpty ? "none" : parts.joined(separator: "|")
    }
}

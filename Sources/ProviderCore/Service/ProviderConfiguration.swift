/// Settings of a provider instance.
public struct ProviderConfiguration: Sendable {
    /// Three characters; PackageIDs are the site code plus five hex digits.
    public var siteCode: String
    /// Largest XML payload accepted by imports and SetSequence.
    public var maxXMLBytes: Int
    /// Bytes of XML payload imported at once (Import, ImportFd, ImportSequence, SetSequence);
    /// further imports wait for their turn (see ``importPatience``). By default ``maxXMLBytes``:
    /// all imports together then peak no higher than one import of the largest payload.
    public var importBudgetBytes: Int
    /// Seconds an import waits for its turn before it fails with `LimitsExceeded`.
    public var importPatience: Double
    /// How much history to keep per package; `nil` keeps every revision.
    public var historyRetention: HistoryRetention?
    /// Bytes the cache of step reads and `GetSequence` replies may hold (``SequenceReadCache``);
    /// 0 turns it off.
    public var readCacheBytes: Int
    /// The current time in seconds since the Unix epoch (replaceable in tests).
    public var now: @Sendable () -> Int64
    /// Whether a principal (`alice`, `@deploy`) names a user or group that exists: rights are
    /// granted only to those (replaceable in tests).
    public var knowsPrincipal: @Sendable (String) -> Bool

    public init(
        siteCode: String = "PS1", maxXMLBytes: Int = 32 << 20, importBudgetBytes: Int? = nil, importPatience: Double = 60,
        historyRetention: HistoryRetention? = nil, readCacheBytes: Int = 32 << 20,
        now: @escaping @Sendable () -> Int64 = ProviderConfiguration.systemTime,
        knowsPrincipal: @escaping @Sendable (String) -> Bool = UserDatabase.knows(principal:)
    ) {
        self.siteCode = siteCode
        self.maxXMLBytes = maxXMLBytes
        self.importBudgetBytes = importBudgetBytes ?? maxXMLBytes
        self.importPatience = importPatience
        self.historyRetention = historyRetention
        self.readCacheBytes = readCacheBytes
        self.now = now
        self.knowsPrincipal = knowsPrincipal
    }

    @Sendable public static func systemTime() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec)
    }

    /// Whether `code` can be a site code: three letters or digits.
    public static func isValidSiteCode(_ code: String) -> Bool {
        code.count == 3 && code.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

internal import TaskSequenceModel

/// The AdvertFlags bits of a task sequence deployment (`SMS_Advertisement.AdvertFlags`), with
/// the values the provider declares. Other bits are kept as they are.
public struct DeploymentFlags: OptionSet, Sendable, Hashable, Codable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// SHOW_PROGRESS (0x800000): the task sequence progress window.
    public static let showProgress = DeploymentFlags(rawValue: AdvertFlags.showProgress.rawValue)
    /// ENABLE_TS_FROM_CD_AND_PXE (0x40000): may start from PXE and from boot media.
    public static let mediaAndPXE = DeploymentFlags(rawValue: AdvertFlags.mediaAndPXE.rawValue)
    /// IMMEDIATE (0x20): announced as soon as it exists.
    public static let immediate = DeploymentFlags(rawValue: AdvertFlags.immediate.rawValue)

    /// The ConfigMgr names of the bits set (`SHOW_PROGRESS|ENABLE_TS_FROM_CD_AND_PXE`), `none` for none.
    public var names: String { AdvertFlags(rawValue: rawValue).description }

    /// Encodes as the number.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Decodes the number.
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(UInt32.self)
    }
}

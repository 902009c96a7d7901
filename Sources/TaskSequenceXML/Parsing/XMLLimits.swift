/// Bounds on what the codec agrees to parse. Inputs over a limit are refused before (size) or
/// while (depth) they are parsed, so hostile files cost little.
public struct XMLLimits: Sendable, Hashable {
    /// Largest input, in bytes, checked before parsing. Also bounds each member unpacked from a
    /// zip and the sequence text embedded in a container.
    public var maximumBytes: Int
    /// Deepest element nesting. libxml2 itself stops at 256 levels (the codec never asks it for
    /// `XML_PARSE_HUGE`), so larger values act as 256.
    public var maximumDepth: Int
    /// How many zips inside zips are opened.
    public var maximumArchiveNesting: Int

    public init(maximumBytes: Int = 32 << 20, maximumDepth: Int = 256, maximumArchiveNesting: Int = 4) {
        self.maximumBytes = maximumBytes
        self.maximumDepth = maximumDepth
        self.maximumArchiveNesting = maximumArchiveNesting
    }

    /// 32 MiB, 256 levels, zips nested 4 deep.
    public static let `default` = XMLLimits()

    /// libxml2's own nesting limit without `XML_PARSE_HUGE`.
    static let libxml2MaximumDepth = 256

    /// The depth actually enforced.
    var effectiveDepth: Int { max(1, min(maximumDepth, Self.libxml2MaximumDepth)) }
}

import ArgumentParser
import TaskSequenceXML

/// `--max-bytes` and `--max-depth`: the bounds the XML parser works within.
struct LimitOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Refuse inputs larger than this many bytes.", valueName: "bytes"))
    var maxBytes: Int = XMLLimits.default.maximumBytes

    @Option(help: ArgumentHelp("Refuse XML nested deeper than this (at most 256).", valueName: "levels"))
    var maxDepth: Int = XMLLimits.default.maximumDepth

    func validate() throws {
        guard maxBytes > 0 else { throw ValidationError("--max-bytes must be positive.") }
        guard (1...256).contains(maxDepth) else { throw ValidationError("--max-depth must be between 1 and 256.") }
    }

    var limits: XMLLimits { XMLLimits(maximumBytes: maxBytes, maximumDepth: maxDepth) }
}

import Testing
@testable import TaskSequenceModel

/// `firstRange(ofASCII:from:)` finds what `firstRange(of:)` finds, in bytes instead of characters.
struct ASCIISearchTests {
    private static func characterSearch(_ needle: String, in text: String, from start: String.Index) -> Range<String.Index>? {
        text[start...].firstRange(of: needle)
    }

    @Test func findsWhatTheCharacterSearchFinds() {
        let texts = [
            "", "<Variable", "x<Variable Name=\"a\">1</Variable>", "<Variables><Variable Name=\"ä\">é</Variable></Variables>",
            "ünï <Variable IsSecret=\"true\">s</Variable> tail <Variable\tName=\"b\"/>", "<Variab", "<<Variable <Variable",
            String(repeating: "ab€", count: 50) + "</Variable>" + String(repeating: "z", count: 9),
        ]
        for text in texts {
            for needle: StaticString in ["<Variable", "</Variable>"] {
                var start = text.startIndex
                while true {
                    let expected = Self.characterSearch(needle.description, in: text, from: start)
                    let found = text.firstRange(ofASCII: needle, from: start)
                    #expect(found == expected, "\(needle) in \(text) from \(text.utf8.distance(from: text.startIndex, to: start))")
                    guard let found else { break }
                    start = found.upperBound
                }
            }
        }
    }

    @Test func aSearchFromTheEndFindsNothing() {
        let text = "<Variable"
        #expect(text.firstRange(ofASCII: "<Variable", from: text.endIndex) == nil)
        #expect(text.firstRange(ofASCII: "<Variable", from: text.index(after: text.startIndex)) == nil)
    }
}

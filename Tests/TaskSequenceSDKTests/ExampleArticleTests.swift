import Foundation
import Testing

/// The DocC catalog's articles list the example programs' code; these tests keep the listings
/// equal to the sources the tests compile and run, so the articles never rot.
@Suite struct ExampleArticleTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let catalog = root.appendingPathComponent("Sources/TaskSequenceSDK/TaskSequenceSDK.docc")
    static let examples = root.appendingPathComponent("Examples/SDKExamples")

    static func names(in directory: URL, ending suffix: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(suffix) }.sorted()
    }

    static func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    /// The bodies of the ```swift blocks of a Markdown text.
    static func swiftListings(_ markdown: String) -> [String] {
        var listings: [String] = []
        var current: [Substring]?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```swift" {
                current = []
            } else if let lines = current, line == "```" {
                listings.append(lines.joined(separator: "\n"))
                current = nil
            } else {
                current?.append(line)
            }
        }
        return listings
    }

    /// The example source an article says it lists.
    static func source(of article: String) -> String? {
        let pattern = /`Examples\/SDKExamples\/([A-Za-z]+\.swift)`/
        return article.firstMatch(of: pattern).map { String($0.1) }
    }

    @Test func everyExampleHasAnArticleListingItsWholeSource() throws {
        let sources = try Self.names(in: Self.examples, ending: ".swift")
        #expect(sources.count == 5)
        var listed: [String] = []
        for name in try Self.names(in: Self.catalog, ending: ".md") where name != "TaskSequenceSDK.md" {
            let article = try Self.text(Self.catalog.appendingPathComponent(name))
            let source = try #require(Self.source(of: article), "\(name) names no example source")
            let code = try Self.text(Self.examples.appendingPathComponent(source))
            let listings = Self.swiftListings(article)
            #expect(listings.count == 1, "\(name)")
            #expect(listings.first == code.trimmingCharacters(in: .newlines), "\(name) no longer lists \(source) as compiled: run scripts/sync-example-articles.py")
            listed.append(source)
        }
        #expect(listed.sorted() == sources)
    }

    @Test func theLandingPageLinksEveryArticle() throws {
        let landing = try Self.text(Self.catalog.appendingPathComponent("TaskSequenceSDK.md"))
        let links = Set(landing.matches(of: /<doc:([A-Za-z]+)>/).map { String($0.1) + ".md" })
        let articles = Set(try Self.names(in: Self.catalog, ending: ".md")).subtracting(["TaskSequenceSDK.md"])
        #expect(links == articles)
    }
}

import Foundation
import Testing
import TestSupport

/// `tsctl xml check`, run as a subprocess over every fixture.
@Suite struct XMLCheckTests {
    @Test func everyWellFormedFileIsAccepted() throws {
        let names = TSCtlFixtures.realWorldNames
        #expect(names.count >= 64)
        let result = try TSCtlFixtures.tsctl(["xml", "check"] + names.map { TSCtlFixtures.path($0) })
        #expect(result.status == 0, "\(result.errorOutput)")
        // Only what an import would keep with a warning (tests/ImportWarningsCommandTests).
        #expect(!result.errorLines.isEmpty && result.errorLines.allSatisfy { $0.contains(": warning: ") }, "\(result.errorOutput)")
        let lines = result.outputLines
        #expect(lines.count == names.count)
        for (name, line) in zip(names, lines) {
            #expect(line.hasPrefix(TSCtlFixtures.path(name) + ": format="), "\(line)")
            for field in [" version=3.", " steps=", " groups=", " conditions=", " expressions=", " depth="] {
                #expect(line.contains(field), "\(line)")
            }
            let format = name.hasSuffix("object.xml") ? "objectxml" : (TSCtlFixtures.manifest[name]?.kind.hasPrefix("MDT") == true ? "mdt" : "sequence")
            #expect(line.contains("format=\(format) "), "\(line)")
        }
    }

    @Test func aMalformedFileIsReportedWithLineAndColumnAndTheOthersStillChecked() throws {
        let good = TSCtlFixtures.path(TSCtlFixtures.realWorldNames[0])
        let bad = TSCtlFixtures.malformedNames.map { TSCtlFixtures.path($0, in: TSCtlFixtures.malformed) }
        #expect(!bad.isEmpty)
        let result = try TSCtlFixtures.tsctl(["xml", "check"] + bad + [good])
        #expect(result.status == 1)
        #expect(result.outputLines.count == 1)
        #expect(result.outputLines.first?.hasPrefix(good + ": format=") == true)
        let problems = result.errorLines.filter { !$0.hasPrefix(good + ": warning: ") }
        #expect(problems.count == bad.count)
        for (path, line) in zip(bad, problems) {
            // FILE:LINE:COL: message
            let rest = line.dropFirst(path.count)
            #expect(line.hasPrefix(path + ":"), "\(line)")
            let fields = rest.dropFirst().split(separator: ":", maxSplits: 2)
            #expect(fields.count == 3 && Int(fields[0]) != nil && Int(fields[1]) != nil, "\(line)")
            #expect(fields.last?.hasPrefix(" ") == true)
        }
        #expect(result.errorLines.contains { $0.hasSuffix("mismatched-end-tag.xml:7:10: Opening and ending tag mismatch: group line 3 and step; expected </group>") })
    }

    @Test func jsonOutputAgreesWithTheManifest() throws {
        let names = TSCtlFixtures.realWorldNames
        let malformed = TSCtlFixtures.path("mismatched-end-tag.xml", in: TSCtlFixtures.malformed)
        let result = try TSCtlFixtures.tsctl(["xml", "check", "--json"] + names.map { TSCtlFixtures.path($0) } + [malformed])
        #expect(result.status == 1)
        let objects = try #require(try JSONSerialization.jsonObject(with: result.standardOutput) as? [[String: Any]])
        #expect(objects.count == names.count + 1)
        for (name, object) in zip(names, objects) {
            let row = try #require(TSCtlFixtures.manifest[name], "no NOTICE row for \(name)")
            #expect(object["path"] as? String == TSCtlFixtures.path(name))
            #expect(object["steps"] as? Int == row.steps, "\(name)")
            #expect(object["groups"] as? Int == row.groups, "\(name)")
            #expect(object["expressions"] as? Int == row.expressions, "\(name)")
            #expect(object["maximumDepth"] as? Int == row.maximumDepth, "\(name)")
            // Conditions: the <condition> elements of the sequence as written (`<condition />` too).
            let original = String(decoding: try TSCtlFixtures.originalSequence(name), as: UTF8.self)
            let conditionElements = original.components(separatedBy: "<condition").dropFirst()
                .filter { $0.first.map { ">/ \t\r\n".contains($0) } ?? false }.count
            #expect(object["conditions"] as? Int == conditionElements, "\(name)")
            #expect((object["schemaVersion"] as? String)?.hasPrefix("3.") == true)
            if name.hasSuffix("object.xml") {
                #expect(object["format"] as? String == "objectxml")
                #expect(name.contains("__\(object["packageID"] as? String ?? "?")__"))
            }
        }
        let failure = try #require(objects.last)
        #expect(failure["path"] as? String == malformed)
        let error = try #require(failure["error"] as? [String: Any])
        #expect(error["line"] as? Int == 7)
        #expect(error["column"] as? Int == 10)
        #expect((error["message"] as? String)?.contains("expected </group>") == true)
    }

    @Test func zipsAreCheckedPackageByPackage() throws {
        let result = try TSCtlFixtures.tsctl("xml", "check", TSCtlFixtures.path("export-nested.zip", in: TSCtlFixtures.containers))
        #expect(result.status == 0)
        #expect(result.outputLines.count == 2)
        #expect(result.outputLines.allSatisfy { $0.contains("format=zip ") })
        #expect(result.outputLines.first?.contains("package=PS100157 member=Modules/Phase 1 bundle.zip/") == true)
    }

    @Test func limitsCanBeSetOnTheCommandLine() throws {
        let path = TSCtlFixtures.path("DeploymentBunny__MVPDays__DeploymentShare__Control__WS2019-002__ts.xml")
        let small = try TSCtlFixtures.tsctl("xml", "check", "--max-bytes", "1000", path)
        #expect(small.status == 1)
        #expect(small.errorLines == ["\(path): the input is 51971 bytes, over the limit of 1000 bytes; a larger limit is needed to read it"])
        let shallow = try TSCtlFixtures.tsctl("xml", "check", "--max-depth", "3", path)
        #expect(shallow.status == 1)
        #expect(shallow.errorLines.first?.hasPrefix("\(path):15:22: elements nest more than 3 levels deep") == true)
        #expect(try TSCtlFixtures.tsctl("xml", "check", "--max-depth", "300", path).status == 2)
    }

    @Test func anUnreadableFileIsReported() throws {
        let result = try TSCtlFixtures.tsctl("xml", "check", "/nonexistent/ts.xml")
        #expect(result.status == 1)
        #expect(result.errorLines.count == 1)
        #expect(result.errorLines.first?.hasPrefix("/nonexistent/ts.xml: cannot read the file: ") == true)
    }
}

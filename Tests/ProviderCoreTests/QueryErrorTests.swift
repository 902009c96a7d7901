import Foundation
import Testing
import ProviderCore
import TaskSequenceModel

/// Malformed queries fail with InvalidQuery naming the token, its 1-based position and what was
/// expected; values that look like SQL stay values.
@Suite struct QueryErrorTests {
    let fixture: QueryFixture

    init() throws {
        fixture = try QueryFixture()
    }

    /// The error `wql` fails with, or `nil` when it succeeds or fails otherwise.
    private func queryError(_ wql: String) -> (token: String, position: Int, message: String)? {
        do {
            _ = try fixture.query(wql)
        } catch let error as ProviderError where error.queryParts != nil {
            return error.queryParts
        } catch {
            Issue.record("\(wql): \(error)")
        }
        return nil
    }

    @Test(arguments: [
        // (query, token, position, a word the message must hold)
        ("SELEC * FROM SMS_Package", "SELEC", 1, "SELECT"),
        ("SELECT FROM SMS_Package", "FROM", 8, "property name"),
        ("SELECT * SMS_Package", "SMS_Package", 10, "FROM"),
        ("SELECT Name, FROM SMS_Package", "FROM", 14, "property name"),
        ("SELECT * FROM", "end of query", 14, "class name"),
        ("SELECT * FROM 'SMS_Package'", "'SMS_Package'", 15, "class name"),
        ("SELECT * FROM SMS_Package WHERE", "end of query", 32, "property name"),
        ("SELECT * FROM SMS_Package WHERE Name =", "end of query", 39, "literal"),
        ("SELECT * FROM SMS_Package WHERE Name = 'abc", "'abc", 40, "unterminated"),
        ("SELECT * FROM SMS_Package WHERE (Name = 'a'", "end of query", 44, ")"),
        ("SELECT * FROM SMS_Package WHERE Name LIKE 5", "5", 43, "pattern"),
        ("SELECT * FROM SMS_Package WHERE Name IS 'x'", "'x'", 41, "NULL"),
        ("SELECT * FROM SMS_Package WHERE Name IS NOT", "end of query", 44, "NULL"),
        ("SELECT * FROM SMS_Package WHERE Name NOT = 'x'", "=", 42, "LIKE or IN"),
        ("SELECT * FROM SMS_Package WHERE Name 'x'", "'x'", 38, "comparison operator"),
        ("SELECT * FROM SMS_Package WHERE Name = 'a' extra", "extra", 44, "AND, OR"),
        ("SELECT * FROM SMS_Package WHERE Name = #", "#", 40, "unexpected character"),
        ("SELECT * FROM SMS_Package WHERE Name = 12abc", "12abc", 40, "number"),
        ("SELECT * FROM SMS_Package WHERE Name = 99999999999999999999", "99999999999999999999", 40, "range"),
        ("SELECT * FROM SMS_Package ORDER Name", "Name", 33, "BY"),
        ("SELECT * FROM SMS_Package ORDER BY Name ASC DESC", "DESC", 45, "ASC, DESC, a comma"),
        ("SELECT * FROM SMS_Package WHERE Name IN ()", ")", 42, "literal"),
        ("SELECT * FROM SMS_Package WHERE Name IN ('a', Name)", "Name", 47, "literal"),
        ("SELECT * FROM SMS_Package WHERE Name ISA 'SMS_Package'", "Name", 33, "ISA"),
        ("SELECT * FROM SMS_Package WHERE __CLASS ISA Name", "Name", 45, "quoted class name"),
    ])
    func syntaxErrorsNameTokenAndPosition(wql: String, token: String, position: Int, expected: String) throws {
        let error = try #require(queryError(wql))
        #expect(error.token == token, "\(wql)")
        #expect(error.position == position, "\(wql)")
        #expect(error.message.contains(expected), "\(wql): \(error.message)")
    }

    @Test(arguments: [
        // (query, token, where the token stands, what the message must say)
        ("SELECT * FROM Nope", "Nope", "Nope", "Nope is not a class"),
        ("SELECT * FROM SMS_PackageBaseclass", "SMS_PackageBaseclass", "SMS_PackageBaseclass", "no instances of its own"),
        ("SELECT Bogus FROM SMS_Package", "Bogus", "Bogus", "Bogus is not a property of SMS_Package"),
        ("SELECT * FROM SMS_TaskSequencePackage WHERE bogus = 1", "bogus", "bogus", "bogus is not a property of SMS_TaskSequencePackage"),
        ("SELECT * FROM SMS_TaskSequence_Step ORDER BY Bogus", "Bogus", "Bogus", "not a property of SMS_TaskSequence_Step"),
        ("SELECT * FROM SMS_TaskSequence_RebootAction WHERE CommandLine = 'x'", "CommandLine", "CommandLine", "not a property of SMS_TaskSequence_RebootAction"),
        ("SELECT * FROM SMS_TaskSequencePackage WHERE Name = TRUE", "TRUE", "TRUE", "expected a string"),
        ("SELECT * FROM SMS_TaskSequencePackage WHERE Duration = 'abc'", "'abc'", "'abc'", "expected a number"),
        ("SELECT * FROM SMS_TaskSequencePackage WHERE Duration LIKE '1%'", "Duration", "Duration", "LIKE compares strings"),
        ("SELECT * FROM SMS_TaskSequencePackage WHERE SourceDate > 'yesterday'", "'yesterday'", "'yesterday'", "datetime"),
        ("SELECT * FROM SMS_TaskSequence_Step WHERE Enabled = 'maybe'", "'maybe'", "'maybe'", "TRUE or FALSE"),
        ("SELECT * FROM SMS_TaskSequencePackage WHERE 1 = 1", "1", "1 =", "needs a property"),
        ("SELECT * FROM SMS_TaskSequencePackage WHERE Name < NULL", "NULL", "NULL", "IS NULL"),
        ("SELECT * FROM SMS_TaskSequencePackage WHERE Name = Duration", "Duration", "Duration", "cannot compare"),
        ("SELECT * FROM SMS_TaskSequencePackage WHERE __CLASS ISA 'Nope'", "Nope", "'Nope'", "Nope is not a class"),
        ("SELECT * FROM SMS_TaskSequencePackage WHERE __PATH = 'x'", "__PATH", "__PATH", "system property"),
        ("SELECT __GENUS FROM SMS_TaskSequencePackage", "__GENUS", "__GENUS", "system property"),
        ("SELECT * FROM SMS_TaskSequencePackage WHERE Sequence LIKE '%x%'", "Sequence", "Sequence LIKE", "lazy"),
        ("SELECT * FROM SMS_TaskSequencePackage WHERE References IS NULL", "References", "References", "array"),
        ("SELECT Condition FROM SMS_TaskSequence_Step", "Condition", "Condition", "embedded object"),
        ("SELECT * FROM SMS_TaskSequencePackage WHERE Name LIKE 'a[bc'", "[bc", "[bc", "unterminated ["),
    ])
    func semanticErrorsNameTheClassOrProperty(wql: String, token: String, marker: String, message: String) throws {
        let error = try #require(queryError(wql))
        #expect(error.token == token, "\(wql)")
        #expect(error.position == position(of: marker, in: wql), "\(wql): \(error.position)")
        #expect(error.message.contains(message), "\(wql): \(error.message)")
    }

    @Test func nestingAndLengthAreBounded() throws {
        let deep = "SELECT * FROM SMS_Package WHERE " + String(repeating: "(", count: 100) + "Name = 'a'" + String(repeating: ")", count: 100)
        let error = try #require(queryError(deep))
        #expect(error.token == "(" && error.message.contains("nested"))
        let long = "SELECT * FROM SMS_Package WHERE Name = '" + String(repeating: "a", count: 70_000) + "'"
        #expect { try fixture.query(long) } throws: { error in if case ProviderError.limitsExceeded = error { true } else { false } }
        // Deep but allowed nesting works.
        let nested = "SELECT * FROM SMS_TaskSequencePackage WHERE " + String(repeating: "NOT (", count: 31) + "Name = 'Sample'" + String(repeating: ")", count: 31)
        #expect(try fixture.query(nested).count == 6)
    }

    @Test func keywordsAndNamesIgnoreCase() throws {
        let rows = try fixture.query("select NAME from sms_tasksequencepackage where name like 'SAM%' order by Name desc")
        #expect(rows.map(\.className) == ["SMS_TaskSequencePackage"])
        #expect(rows.first?.properties.map(\.name) == ["Name"])
    }

    @Test func injectionAttemptsStayData() throws {
        for value in ["x' OR '1'='1", "x\" OR \"1\"=\"1", "'; DROP TABLE package; --", "Sample' --", "%' OR name LIKE '%"] {
            let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
            #expect(try fixture.query("SELECT * FROM SMS_TaskSequencePackage WHERE Name = '\(escaped)'").isEmpty, "\(value)")
            #expect(try fixture.query("SELECT * FROM SMS_TaskSequencePackage WHERE Name LIKE '\(escaped)'").isEmpty, "\(value)")
        }
        for wql in [
            "SELECT * FROM SMS_TaskSequencePackage WHERE Name = 'x' OR 1=1 --'", "SELECT * FROM SMS_TaskSequencePackage; DROP TABLE package",
            "SELECT * FROM package", "SELECT * FROM SMS_TaskSequencePackage WHERE name) OR (1=1",
        ] {
            #expect { try fixture.query(wql) } throws: { error in if case ProviderError.invalidQuery = error { true } else { false } }
        }
        // A name holding SQL is stored and found as text.
        var properties = PackageProperties()
        properties.name = "x'); DELETE FROM package; --"
        _ = try fixture.service.createPackage(properties, for: fixture.root)
        #expect(try fixture.packageNames(where: #"Name = 'x\'); DELETE FROM package; --'"#) == ["x'); DELETE FROM package; --"])
        #expect(try fixture.query("SELECT * FROM SMS_TaskSequencePackage").count == 8)
    }
}

import Foundation
import Testing
import ProviderCore
import TaskSequenceModel

/// Every operator and literal kind, NULL handling, ordering and the shape of result rows, on
/// packages and steps whose values the fixture fixes.
@Suite struct QueryOperatorTests {
    let fixture: QueryFixture

    init() throws {
        fixture = try QueryFixture()
    }

    @Test func comparisonsOnStringsIgnoreCase() throws {
        #expect(try fixture.packageNames(where: "Name = 'office 365'") == ["Office 365"])
        #expect(try fixture.packageNames(where: "name = \"OFFICE 365\"") == ["Office 365"])
        #expect(try fixture.packageNames(where: "Version <> '2.5' AND Version <> ''") == ["Windows 11 Deploy"])
        #expect(try fixture.packageNames(where: "Version != '' AND Version != '1.0'") == ["Office 365"])
        #expect(try fixture.packageNames(where: "Name < 'E' AND Name >= 'D'") == ["Drivers_HP", "DriversXHP"])
        #expect(try fixture.packageNames(where: "Name > 'w'") == ["Windows 11 Deploy"])
        #expect(try fixture.packageNames(where: "Name <= 'DRIVERS_HP'").contains("Drivers_HP"))
    }

    @Test func comparisonsOnNumbersAcceptEveryNumericLiteral() throws {
        #expect(try fixture.packageNames(where: "Duration > 30") == ["Windows 11 Deploy"])
        #expect(try fixture.packageNames(where: "Duration >= 30") == ["Windows 11 Deploy", "Office 365"])
        #expect(try fixture.packageNames(where: "Duration < 30 AND Duration > 0") == ["O'Brien \"quoted\""])
        #expect(try fixture.packageNames(where: "Duration <= 0").count == 4)
        #expect(try fixture.packageNames(where: "Duration > 29.5") == ["Windows 11 Deploy", "Office 365"])
        #expect(try fixture.packageNames(where: "Duration > -1").count == 7)
        // A string literal converts to the property's type, as WMI converts it.
        #expect(try fixture.packageNames(where: "Duration = '90'") == ["Windows 11 Deploy"])
        // Literal on the left: the operator is read the other way round.
        #expect(try fixture.packageNames(where: "30 < Duration") == ["Windows 11 Deploy"])
        #expect(try fixture.packageNames(where: "PackageType = 4").count == 7)
    }

    @Test func booleansCompareWithTrueFalseNumbersAndText() throws {
        #expect(try fixture.stepNames(where: "Enabled = FALSE") == ["Echo 100%"])
        #expect(try fixture.stepNames(where: "Enabled = 0") == ["Echo 100%"])
        #expect(try fixture.stepNames(where: "ContinueOnError = true") == ["Echo 100%"])
        #expect(try fixture.stepNames(where: "ContinueOnError = 'FALSE'").count == 6)
        #expect(try fixture.stepNames("SMS_TaskSequence_RunCommandLineAction", where: "DisableWow64Redirection = TRUE") == ["Run PowerShell"])
    }

    @Test func datetimesCompareWithDMTFAndISOText() throws {
        // The fixture's clock stands at 1,700,000,000 s: 2023-11-14 22:13:20 UTC.
        #expect(try fixture.packageNames(where: "SourceDate = '20231114221320.000000+000'").count == 7)
        #expect(try fixture.packageNames(where: "SourceDate = '20231115001320.000000+120'").count == 7)
        #expect(try fixture.packageNames(where: "SourceDate >= '2023-11-14' AND SourceDate < '2023-11-14T22:13:21Z'").count == 7)
        #expect(try fixture.packageNames(where: "SourceDate > '2023-11-15'").isEmpty)
        let row = try #require(fixture.query("SELECT SourceDate FROM SMS_TaskSequencePackage").first)
        #expect(row["SourceDate"] == .dateTime(1_700_000_000))
        #expect(row["SourceDate"]?.description == "20231114221320.000000+000")
    }

    @Test func logicalOperatorsFollowPrecedenceAndParentheses() throws {
        // AND binds tighter than OR.
        #expect(try fixture.packageNames(where: "Name = 'Office 365' OR Name LIKE 'Drivers%' AND Duration > 10") == ["Office 365"])
        #expect(try fixture.packageNames(where: "(Name = 'Office 365' OR Name LIKE 'Drivers%') AND Duration > 10") == ["Office 365"])
        #expect(try fixture.packageNames(where: "(Name = 'Office 365' OR Name LIKE 'Drivers%') AND NOT Duration > 10") == ["Drivers_HP", "DriversXHP"])
        #expect(try fixture.packageNames(where: "NOT (Duration = 0)") == ["Windows 11 Deploy", "Office 365", "O'Brien \"quoted\""])
        #expect(try fixture.packageNames(where: "NOT NOT Duration = 90") == ["Windows 11 Deploy"])
        #expect(try fixture.packageNames(where: "Name IN ('office 365', 'Sample')") == ["Office 365", "Sample"])
        #expect(try fixture.packageNames(where: "Duration NOT IN (0, 5)") == ["Windows 11 Deploy", "Office 365"])
    }

    @Test func likeSupportsWildcardsSetsRangesAndNegation() throws {
        #expect(try fixture.packageNames(where: "Name LIKE 'win%'") == ["Windows 11 Deploy"])
        #expect(try fixture.packageNames(where: "Name LIKE '%365'") == ["Office 365"])
        #expect(try fixture.packageNames(where: "Name LIKE 'Office_365'") == ["Office 365"])
        #expect(try fixture.packageNames(where: "Name LIKE 'Drivers_HP'") == ["Drivers_HP", "DriversXHP"])
        #expect(try fixture.packageNames(where: "Name LIKE 'Drivers[_]HP'") == ["Drivers_HP"])
        #expect(try fixture.packageNames(where: "Name LIKE '[dw]%'") == ["Windows 11 Deploy", "Drivers_HP", "DriversXHP"])
        #expect(try fixture.packageNames(where: "Name LIKE '[a-e]%'") == ["Drivers_HP", "DriversXHP"])
        #expect(try fixture.packageNames(where: "Name LIKE '[^dw[]%'") == ["Office 365", "O'Brien \"quoted\"", "Sample"])
        #expect(try fixture.packageNames(where: "Name LIKE '[[]Legacy]%'") == ["[Legacy] XP"])
        #expect(try fixture.packageNames(where: "Description LIKE '%[%]'") == ["Office 365"])
        #expect(try fixture.packageNames(where: "Description LIKE '%100%'") == ["Office 365"])
        #expect(try fixture.packageNames(where: "Name LIKE 'SAMPLE'") == ["Sample"])
        #expect(try fixture.packageNames(where: "Name LIKE '%'").count == 7)
        #expect(try fixture.packageNames(where: "Name LIKE '_'").isEmpty)
        #expect(try fixture.packageNames(where: "Name NOT LIKE '%[ _]%'") == ["DriversXHP", "Sample"])
        // A set with ] first, and ^ or - that are not special where they stand.
        #expect(try fixture.packageNames(where: "Name LIKE '%[]x]%'") == ["DriversXHP", "[Legacy] XP"])
        #expect(try fixture.stepNames(where: "Name LIKE '%[%-]%'") == ["Echo 100%"])
        #expect(try fixture.stepNames(where: "Name LIKE '[[]Empty]\\_group'").isEmpty)
        #expect(try fixture.stepNames(where: "Name LIKE '[[]Empty][_]group'") == ["[Empty]_group"])
    }

    @Test func nullMeansNoValue() throws {
        // Groups have no SupportedEnvironment; steps without runIn or timeout have none either.
        #expect(try fixture.stepNames(where: "SupportedEnvironment IS NULL") == ["Setup", "Echo 100%", "Untyped", "[Empty]_group"])
        #expect(try fixture.stepNames(where: "Timeout IS NOT NULL") == ["Run PowerShell"])
        #expect(try fixture.stepNames(where: "Timeout = NULL").count == 6)
        #expect(try fixture.stepNames(where: "Timeout <> NULL") == ["Run PowerShell"])
        // A setting that is not written is NULL.
        #expect(try fixture.stepNames("SMS_TaskSequence_RunCommandLineAction", where: "WorkingDirectory IS NULL").count == 2)
        // Every package property is kept (issue 12): PkgFlags has its default, never NULL.
        #expect(try fixture.packageNames(where: "PkgFlags IS NULL").isEmpty)
        #expect(try fixture.packageNames(where: "PkgFlags = 0").count == 7)
        // Comparisons with NULL are neither true nor false, so NOT does not flip them.
        #expect(try fixture.stepNames(where: "NOT (Timeout = 600)").isEmpty)
        let groupRow = try #require(fixture.query("SELECT * FROM SMS_TaskSequence_Group WHERE Name = 'Setup'").first)
        #expect(groupRow["SupportedEnvironment"] == nil && groupRow["Description"] == .string("prepare"))
    }

    @Test func orderByAscendingDescendingAndSeveralKeys() throws {
        #expect(try fixture.values("Name", "SELECT Name FROM SMS_TaskSequencePackage WHERE Duration > 0 ORDER BY Name")
            == ["O'Brien \"quoted\"", "Office 365", "Windows 11 Deploy"])
        #expect(try fixture.values("Name", "SELECT Name FROM SMS_TaskSequencePackage WHERE Duration > 0 ORDER BY name desc")
            == ["Windows 11 Deploy", "Office 365", "O'Brien \"quoted\""])
        #expect(try fixture.values("Name", "SELECT Name FROM SMS_TaskSequencePackage ORDER BY Duration DESC, Name ASC")
            == ["Windows 11 Deploy", "Office 365", "O'Brien \"quoted\"", "[Legacy] XP", "Drivers_HP", "DriversXHP", "Sample"])
        #expect(try fixture.stepNames(where: "Name IN ('echo 100%', 'Gather', 'untyped')") == ["Echo 100%", "Gather", "Untyped"])
        #expect(try fixture.values("Name", "SELECT Name FROM SMS_TaskSequence_Action WHERE PackageID = '\(fixture.id("Sample"))' ORDER BY __CLASS, Name DESC")
            == ["Gather", "Untyped", "Restart", "Run PowerShell", "Echo 100%"])
        // Without ORDER BY, rows come in key order.
        let ids = try fixture.query("SELECT PackageID FROM SMS_TaskSequencePackage").map { $0["PackageID"]?.description ?? "" }
        #expect(ids == ids.sorted() && ids.count == 7)
    }

    @Test func rowsCarryTheSelectedPropertiesInSelectOrder() throws {
        let rows = try fixture.query("SELECT Version, name, __CLASS, __RELPATH, NAME FROM SMS_TaskSequencePackage WHERE Name = 'Office 365'")
        let row = try #require(rows.first)
        #expect(rows.count == 1)
        #expect(row.properties.map(\.name) == ["Version", "Name"])
        #expect(row.properties.map(\.value) == [.string("2.5"), .string("Office 365")])
        #expect(row.className == "SMS_TaskSequencePackage")
        #expect(row.reference == .package(fixture.id("Office 365")))
        #expect(row.reference.relativePath == "SMS_TaskSequencePackage.PackageID=\"\(fixture.id("Office 365"))\"")
    }

    @Test func selectStarReturnsEveryNonLazyPropertyInSchemaOrder() throws {
        let row = try #require(fixture.query("SELECT * FROM SMS_TaskSequencePackage WHERE Name = 'Windows 11 Deploy'").first)
        let schema = try fixture.service.classSchema("SMS_TaskSequencePackage", for: fixture.root)
        let names = row.properties.map(\.name)
        #expect(names.first == "ActionInProgress" && names.contains("PackageID") && names.contains("SourceVersion"))
        #expect(names.contains("PkgFlags") && names.contains("TsEnabled") && names.contains("Priority"))
        // Lazy properties stay out, as in WMI; their values are read from the object itself.
        for lazy in ["Sequence", "References", "Category", "BootImageID", "Type", "TaskSequenceFlags"] {
            #expect(schema.property(lazy)?.isLazy == true)
            #expect(!names.contains(lazy))
        }
        // Schema order: the row's names are a subsequence of the schema's.
        let schemaNames = schema.properties.map(\.name)
        #expect(names == schemaNames.filter(names.contains))
        #expect(row["Duration"] == .uint32(90))
        #expect(row["ProgramFlags"] == .uint32(PackageProperties.defaultProgramFlags))
        #expect(row["PackageType"] == .uint32(4))
        #expect(row["Name"] == .string("Windows 11 Deploy"))
        #expect(row["SourceSite"] == .string("TST"))
        // A lazy property named in SELECT is not returned either.
        let explicit = try #require(fixture.query("SELECT Category, Name FROM SMS_TaskSequencePackage WHERE Name = 'Office 365'").first)
        #expect(explicit.properties.map(\.name) == ["Name"])
        // But a WHERE may use lazy properties the store keeps.
        #expect(try fixture.packageNames(where: "Category = ''").count == 7)
        // Restarting into Windows PE makes the sample an OS deployment (Type 2).
        #expect(try fixture.packageNames(where: "Type = 2") == ["Sample"])
    }

    @Test func stringLiteralsEscapeTheirQuotes() throws {
        let name = "O'Brien \"quoted\""
        #expect(try fixture.packageNames(where: #"Name = 'O\'Brien "quoted"'"#) == [name])
        #expect(try fixture.packageNames(where: #"Name = 'O''Brien "quoted"'"#) == [name])
        #expect(try fixture.packageNames(where: #"Name = "O'Brien \"quoted\"""#) == [name])
        #expect(try fixture.packageNames(where: #"Name = "O'Brien ""quoted""""#) == [name])
        // Other backslashes stay as written.
        #expect(try fixture.stepNames("SMS_TaskSequence_RunCommandLineAction", where: #"UserName = 'corp\svc'"#) == ["Run PowerShell"])
        #expect(try fixture.stepNames("SMS_TaskSequence_RunCommandLineAction", where: #"UserName = 'corp\\svc'"#) == ["Run PowerShell"])
    }

    @Test func sequencesAndSMSPackagesAreQueryable() throws {
        let sequence = try #require(fixture.query("SELECT * FROM SMS_TaskSequence WHERE PackageID = '\(fixture.id("Sample"))'").first)
        #expect(sequence.reference == .sequence(packageID: fixture.id("Sample")))
        #expect(sequence.properties.map(\.name) == ["PackageID", "SchemaVersion"])
        #expect(sequence["SchemaVersion"] == .string("3.10"))
        #expect(try fixture.query("SELECT PackageID FROM SMS_TaskSequence WHERE SchemaVersion = '3.10'").count == 7)

        _ = try fixture.service.createSMSPackage(.init(packageID: "ABC00001", name: "Boot image (x64)", packageType: 258, pkgSourcePath: #"\\server\boot"#), for: fixture.root)
        _ = try fixture.service.createSMSPackage(.init(packageID: "ABC00002", name: "Windows 11", packageType: 257), for: fixture.root)
        let boot = try fixture.query("SELECT * FROM SMS_Package WHERE PackageType = 258")
        #expect(boot.map(\.reference) == [.smsPackage("ABC00001")])
        #expect(boot.first?["PkgSourcePath"] == .string(#"\\server\boot"#))
        #expect(boot.first?.className == "SMS_Package")
        #expect(try fixture.values("Name", "SELECT Name FROM SMS_Package WHERE __CLASS ISA 'SMS_PackageBaseclass' ORDER BY Name DESC")
            == ["Windows 11", "Boot image (x64)"])
        #expect(try fixture.query("SELECT * FROM SMS_Package WHERE __CLASS ISA 'SMS_TaskSequencePackage'").isEmpty)
    }
}

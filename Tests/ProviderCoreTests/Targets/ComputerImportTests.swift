import Foundation
import ProviderCore
import ProviderStore
import Testing

/// Importing computers as Import Computer Information does: one at a time and from the wizard's
/// CSV format, with names, MAC addresses and SMBIOS GUIDs checked and written canonically.
@Suite struct ComputerImportTests {
    let fixture: ServiceFixture
    var service: ProviderService { fixture.service }
    let root = Caller.system

    init() throws {
        fixture = try ServiceFixture()
    }

    @Test func importWritesMACAndGUIDCanonicallyAndAssignsResourceIDsFromTheSystemRange() throws {
        let first = try service.importComputer(ComputerEntry(name: "PC-001", macAddresses: ["00-1a-2B-3c-4D-5e"]), for: root)
        let second = try service.importComputer(ComputerEntry(name: "PC-002", smbiosGUID: "{4c4c4544-0038-3510-8050-b4c04f4e3732}"), for: root)
        #expect(first == 16_777_217)
        #expect(second == 16_777_218)
        let pc1 = try service.computer(first, for: root)
        #expect(pc1.name == "PC-001")
        #expect(pc1.macAddresses == ["00:1A:2B:3C:4D:5E"])
        #expect(pc1.smbiosGUID == "")
        #expect(pc1.creationDate == 1_700_000_000)
        #expect(try service.computer(second, for: root).smbiosGUID == "4C4C4544-0038-3510-8050-B4C04F4E3732")
        #expect(try service.computer(named: "pc-002", for: root).resourceID == second)
        #expect(try service.computers(for: root).map(\.name) == ["PC-001", "PC-002"])
    }

    @Test func importRefusesWhatCannotIdentifyAComputer() throws {
        #expect(throws: ProviderError.invalidArgument(name: "MACAddress", problem: "PC1 needs a MAC address or an SMBIOS GUID")) {
            try service.importComputer(ComputerEntry(name: "PC1"), for: root)
        }
        #expect(throws: ProviderError.validationFailed(property: "MACAddress", rule: "'00:11:22:33:44' is not a MAC address (six hex pairs such as 00:11:22:33:44:55)")) {
            try service.importComputer(ComputerEntry(name: "PC1", macAddresses: ["00:11:22:33:44"]), for: root)
        }
        #expect(throws: ProviderError.validationFailed(property: "SMBIOSGUID", rule: "the all-zero GUID identifies no computer")) {
            try service.importComputer(ComputerEntry(name: "PC1", smbiosGUID: "00000000-0000-0000-0000-000000000000"), for: root)
        }
        #expect(throws: ProviderError.validationFailed(property: "NetbiosName", rule: "'A-VERY-LONG-NAME-1' is longer than 15 characters, the most a NetBIOS name holds")) {
            try service.importComputer(ComputerEntry(name: "A-VERY-LONG-NAME-1", macAddresses: ["00:11:22:33:44:55"]), for: root)
        }
        #expect(throws: ProviderError.validationFailed(property: "NetbiosName", rule: "'PC 1' may hold only letters, digits, '-' and '_'")) {
            try service.importComputer(ComputerEntry(name: "PC 1", macAddresses: ["00:11:22:33:44:55"]), for: root)
        }
        #expect(try service.computers(for: root).isEmpty)
    }

    @Test func aTakenNameIsRefusedUnlessOverwrittenAndHardwareIdentifiesOneComputer() throws {
        let id = try service.importComputer(ComputerEntry(name: "PC1", macAddresses: ["00:11:22:33:44:55"]), for: root)
        #expect(throws: ProviderError.invalidArgument(name: "NetbiosName", problem: "a computer named PC1 already exists; overwrite it to replace its MAC addresses and GUID")) {
            try service.importComputer(ComputerEntry(name: "pc1", macAddresses: ["00:11:22:33:44:66"]), for: root)
        }
        #expect(throws: ProviderError.invalidArgument(name: "MACAddress", problem: "MAC address 00:11:22:33:44:55 already identifies another computer (PC1)")) {
            try service.importComputer(ComputerEntry(name: "PC2", macAddresses: ["00-11-22-33-44-55"]), for: root)
        }
        let again = try service.importComputer(ComputerEntry(name: "pc1", macAddresses: ["00:11:22:33:44:66"]), overwrite: true, for: root)
        #expect(again == id)
        #expect(try service.computer(id, for: root).macAddresses == ["00:11:22:33:44:66"])
    }

    @Test func csvKeepsGoodLinesAndReportsBadOnesByLine() throws {
        _ = try service.importComputer(ComputerEntry(name: "OLD-PC", macAddresses: ["00:11:22:33:44:00"]), for: root)
        let csv = """
            Name,SMBIOS GUID,MAC Address,Source Computer
            NEW-PC1,,00:11:22:33:44:01,OLD-PC
            NEW-PC2,4C4C4544-0038-3510-8050-B4C04F4E3732,

            BAD PC,,00:11:22:33:44:02
            NEW-PC3,,not-a-mac
            NEW-PC1,,00:11:22:33:44:03
            "NEW-PC4",,"00:11:22:33:44:04"
            NEW-PC5,,00:11:22:33:44:05,NO-SUCH-PC
            ONLY-TWO,FIELDS
            """
        let lines = try service.importComputers(csv: csv, for: root)
        #expect(lines.compactMap(\.located) == [
            "line 5: 'BAD PC' may hold only letters, digits, '-' and '_'",
            "line 6: 'not-a-mac' is not a MAC address (six hex pairs such as 00:11:22:33:44:55)",
            "line 7: NEW-PC1 is already imported by line 2",
            "line 9: computer NO-SUCH-PC does not exist",
            "line 10: 2 fields; expected Name,SMBIOS GUID,MAC Address[,Source Computer]",
        ])
        #expect(lines.filter(\.isImported).map(\.line) == [2, 3, 8])
        #expect(try service.computers(for: root).map(\.name) == ["OLD-PC", "NEW-PC1", "NEW-PC2", "NEW-PC4"])
        let associations = try service.computerAssociations(for: root)
        #expect(associations.map { "\($0.sourceName ?? "?")->\($0.destinationName)" } == ["OLD-PC->NEW-PC1"])
    }

    @Test func deletingAComputerTakesItsMembershipsAndAssociationsAlong() throws {
        let old = try service.importComputer(ComputerEntry(name: "OLD", macAddresses: ["00:11:22:33:44:00"]), for: root)
        let new = try service.importComputer(ComputerEntry(name: "NEW", macAddresses: ["00:11:22:33:44:01"], sourceComputer: "OLD"), for: root)
        let collection = try service.createCollection(name: "Lab", for: root)
        try service.addDirectMembers(["NEW", String(old)], to: collection, for: root)
        #expect(try service.collection(collection, for: root).memberCount == 2)
        try service.deleteComputer(new, for: root)
        #expect(try service.collectionMembers(collection, for: root).map(\.name) == ["OLD"])
        #expect(try service.computerAssociations(for: root).isEmpty)
        #expect(throws: ProviderError.notFound(object: "SMS_R_System.ResourceID=\(new)")) { try service.computer(new, for: root) }
    }
}

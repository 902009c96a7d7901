import Foundation
import TaskSequenceSDK
import Testing
import TestSupport

/// Packages: list, read, create, change, delete, and the errors of each.
@Suite struct PackageTests {
    @Test func createListReadChangeAndDelete() throws {
        try withProvider { client, _ in
            #expect(try client.packages().isEmpty)
            let package = try client.createPackage(named: "Reference build", properties: [.description: "Win11 reference", .duration: 90])
            #expect(package.id.hasPrefix(try client.siteCode()))
            #expect(package.id.count == 8)

            let info = try package.info()
            #expect(info.packageID == package.id)
            #expect(info.name == "Reference build")
            #expect(info.description == "Win11 reference")
            #expect(info.duration == 90)
            #expect(info.packageType == 4)
            #expect(info.type == 1)
            #expect(!info.deploysOperatingSystem)
            #expect(info.sourceSite == (try client.siteCode()))

            try package.set(.name, to: "Renamed")
            try package.update([.manufacturer: "Contoso", .programFlags: 152084496, .customProgressMessage: "Building…"])
            let changed = try package.info()
            #expect(changed.name == "Renamed")
            #expect(changed.manufacturer == "Contoso")
            #expect(changed.customProgressMessage == "Building…")

            let listed = try client.packages()
            #expect(listed.map(\.packageID) == [package.id])
            #expect(listed.first?.name == "Renamed")
            #expect(try client.packageIDs() == [package.id])
            #expect(try client.objectPath(forRelativePath: package.relativePath) == package.objectPath)

            try package.delete()
            #expect(try client.packages().isEmpty)
            let error = providerError { _ = try package.info() }
            #expect(error.map { if case .unknownObject = $0 { true } else { false } } == true, "\(String(describing: error))")
        }
    }

    @Test func unknownPackagesAreNotFoundWhateverIsAsked() throws {
        try withProvider { client, _ in
            let missing = client.package("PS1FFFFF")
            for call in [{ _ = try missing.info() }, { try missing.delete() }, { _ = try missing.sequenceXML() }, { _ = try missing.export() }] {
                let error = providerError { try call() }
                guard case .unknownObject(let message)? = error else {
                    Issue.record("expected unknownObject, got \(String(describing: error))")
                    continue
                }
                #expect(message.contains("PS1FFFFF"))
                #expect(error?.dbusName == "org.freedesktop.DBus.Error.UnknownObject")
            }
            let relpath = providerError { _ = try client.objectPath(forRelativePath: missing.relativePath) }
            #expect(relpath.map { if case .notFound = $0 { true } else { false } } == true, "\(String(describing: relpath))")
        }
    }

    @Test func valuesTheModelRefusesAreReportedWithThePropertyAndTheRule() throws {
        try withProvider { client, _ in
            let package = try client.createPackage(named: "Rules")
            let tooLong = String(repeating: "n", count: 300)
            let error = providerError { try package.set(.name, to: .string(tooLong)) }
            guard case .validationFailed(let property, let rule)? = error else {
                Issue.record("expected validationFailed, got \(String(describing: error))")
                return
            }
            #expect(property == "Name")
            #expect(!rule.isEmpty)
            #expect(error?.dbusName == "org.tsprovider.Provider1.Error.ValidationFailed")
            #expect(try package.info().name == "Rules", "a failed call changes nothing")

            // A number property given text fails before it reaches the bus.
            let typed = providerError { try package.set(.duration, to: "ninety") }
            guard case .invalidArguments(let message)? = typed else {
                Issue.record("expected invalidArguments, got \(String(describing: typed))")
                return
            }
            #expect(message.contains("Duration"))

            let creation = providerError { _ = try client.createPackage(named: "Boot", properties: [.bootImageID: "not an ID"]) }
            #expect(creation == .validationFailed(property: "BootImageID", rule: "'not an ID' is not a PackageID (three-character site code and five hex digits)"))
            #expect(try client.packageIDs() == [package.id], "a failed create creates nothing")
        }
    }

    @Test func propertyNamesParseInAnyCase() {
        #expect(PackageProperty(named: "custompROGRESSmsg") == .customProgressMessage)
        #expect(PackageProperty(named: "description") == .description)
        #expect(PackageProperty(named: "PackageID") == nil, "PackageID is not writable")
        #expect(StepProperty(named: "continueonerror") == .continueOnError)
    }

    @Test func packageInfoEncodesWithTheWMINames() throws {
        try withProvider { client, _ in
            let package = try client.createPackage(named: "JSON")
            let data = try JSONEncoder().encode(try package.info())
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            for key in ["PackageID", "Name", "Description", "SourceVersion", "SourceDate", "References", "CustomProgressMsg", "PackageType", "Type"] {
                #expect(object[key] != nil, "missing \(key)")
            }
            #expect(object["PackageID"] as? String == package.id)
            // The value is the model's: SourceDate in seconds, written back as the CIM text served.
            let info = try package.info()
            #expect(info.sourceDate > 0 && object["SourceDate"] as? String == info.sourceDateText)
            #expect(info.properties.name == "JSON" && info.isEnabled)
            #expect(try JSONDecoder().decode(PackageInfo.self, from: data) == package.info())
        }
    }
}

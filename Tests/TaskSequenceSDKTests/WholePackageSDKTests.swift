import Foundation
import TaskSequenceModel
import TaskSequenceSDK
import TaskSequenceXML
import Testing
import TestSupport

/// The SDK's side of issue 12: PackageInfo carries every property, packages enable and disable,
/// exports come as zips.
@Suite struct WholePackageSDKTests {
    @Test func infoEnableDisableAndZipExports() throws {
        try withProvider { client, _ in
            let package = try client.importPackage(data: try WholePackageFixture.objectXML())
            let info = try package.info()
            #expect(info.icon == WholePackageFixture.pngIcon && info.iconSize == UInt32(WholePackageFixture.pngIcon.count))
            let platform = WholePackageFixture.platform
            #expect(info.supportedOperatingSystems == [OperatingSystemDetails(maxVersion: platform.0, minVersion: platform.1, name: platform.2, platform: platform.3)])
            #expect(info.securedScopeNames == ["Default"] && !info.sedoObjectVersion.isEmpty)
            #expect(info.priority == WholePackageFixture.priority && info.pkgFlags == WholePackageFixture.pkgFlags && info.isEnabled)
            #expect(info.namedProperties["ShareType"] == .int(1) && info.properties.value(of: "ShareType") == .number(1))
            #expect(info.references.allSatisfy { $0.program == "*" })

            // JSON keys are WMI's, and the JSON reads back.
            let json = try JSONEncoder().encode(info)
            let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
            #expect(object["TsEnabled"] as? Bool == true && object["ShareType"] != nil && object["Icon"] is String)
            #expect(try JSONDecoder().decode(PackageInfo.self, from: json) == info)

            try package.disable()
            #expect(try !package.info().isEnabled && package.info().programFlags & 0x1000 != 0)
            try package.enable()
            try package.set(.priority, to: 3)
            try package.setIcon(Data([1, 2, 3]))
            try package.setSupportedOperatingSystems([OperatingSystemDetails(maxVersion: "", minVersion: "", name: "Win NT", platform: "ARM64")])
            let changed = try package.info()
            #expect(changed.isEnabled && changed.priority == 3 && changed.icon == [1, 2, 3] && changed.supportedOperatingSystems.first?.platform == "ARM64")

            let other = try client.createPackage(named: "Other")
            let zip = try client.exportPackages([package.id, other.id])
            #expect(try TaskSequenceReader().documents(from: zip).map(\.package.packageID) == [package.id, other.id])
            let single = try package.exportData()
            let again = try client.importPackage(data: single)
            let reimported = try again.info()
            #expect(reimported.icon == changed.icon && reimported.priority == 3 && reimported.supportedOperatingSystems == changed.supportedOperatingSystems)
            #expect(try package.export(format: .object).hasPrefix("<INSTANCE"))
        }
    }
}

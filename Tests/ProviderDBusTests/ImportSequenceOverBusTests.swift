import DBusKit
import Foundation
import Testing
import TestSupport

/// `TaskSequencePackageClass.ImportSequence` over the bus: the canonical sequence back,
/// secrets blank, errors by name, nothing stored.
@Suite(.sharedDaemon) struct ImportSequenceOverBusTests {
    static let password = "Bus-imp0rt-s3cret!"
    static let productKey = "FFFFF-GGGGG-HHHHH-JJJJJ-KKKKK"
    static let withSecrets = #"<sequence version="3.10"><step name="Apply settings" type="SMS_TaskSequence_ApplyWindowsSettingsAction"><action>osdwinsettings.exe /config</action><defaultVarList><variable property="AdminPassword" name="OSDLocalAdminPassword">\#(password)</variable><variable property="RandomAdminPassword" name="OSDRandomAdminPassword">false</variable><variable property="ProductKey" name="OSDProductKey">\#(productKey)</variable><variable property="RegisteredOrgName" name="OSDRegisteredOrgName">Contoso</variable><variable property="RegisteredUserName" name="OSDRegisteredUserName">IT</variable><variable property="TimeZone" name="OSDTimeZone">UTC</variable></defaultVarList></step></sequence>"#

    private func importSequence(_ xml: String, _ daemon: ProviderDaemon) throws -> String {
        try ProviderClient(daemon.client).proxy(Provider.packageClassPath)
            .call(Provider.packageClassInterface, "ImportSequence", [.string(xml)]).decode(String.self)
    }

    @Test func theCanonicalSequenceComesBackWithSecretsBlankAndNothingIsStored() throws {
        let daemon = try SharedDaemon.current()
        let before = try ProviderClient(daemon.client).allPackageIDs().taskSequences
        let returned = try importSequence(Self.withSecrets, daemon)
        #expect(!returned.contains(Self.password) && !returned.contains(Self.productKey), "secrets in clear: \(returned)")
        #expect(returned.contains(#"property="AdminPassword""#) && returned.contains(#"property="ProductKey""#))
        #expect(returned.contains("Contoso"))
        #expect(try importSequence(returned, daemon) == returned, "the canonical form is its own canonical form")
        #expect(try ProviderClient(daemon.client).allPackageIDs().taskSequences == before)
    }

    @Test func brokenXMLAndBrokenRulesAreRefusedByName() throws {
        let daemon = try SharedDaemon.current()
        #expect { try importSequence(#"<sequence version="3.10"><step"#, daemon) } throws: { error in
            (error as? DBusError)?.name == "org.tsprovider.Provider1.Error.InvalidXml"
        }
        #expect { try importSequence(#"<sequence version="3.10"><group name=""/></sequence>"#, daemon) } throws: { error in
            (error as? DBusError)?.name == "org.tsprovider.Provider1.Error.ValidationFailed" && (error as? DBusError)?.message.hasPrefix("Name: ") == true
        }
    }
}

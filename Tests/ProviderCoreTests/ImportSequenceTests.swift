import Foundation
import Testing
import ProviderCore
import TaskSequenceModel
import TaskSequenceXML

/// `ImportSequence`: validates a `<sequence>` and hands it back in canonical form, secrets
/// blank, changing nothing.
@Suite struct ImportSequenceTests {
    static let password = "Imp0rt-s3cret!"
    static let productKey = "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE"
    /// A sequence with a password and a product key, written loosely: odd spacing, attributes
    /// out of their usual order.
    static let withSecrets = """
        <sequence version="3.10">
          <step  name="Apply settings" type="SMS_TaskSequence_ApplyWindowsSettingsAction" >
            <action>osdwinsettings.exe /config</action>
            <defaultVarList>
              <variable property="AdminPassword" name="OSDLocalAdminPassword">\(password)</variable>
              <variable property="RandomAdminPassword" name="OSDRandomAdminPassword">false</variable>
              <variable property="ProductKey" name="OSDProductKey">\(productKey)</variable>
              <variable property="RegisteredOrgName" name="OSDRegisteredOrgName">Contoso</variable>
              <variable property="RegisteredUserName" name="OSDRegisteredUserName">IT</variable>
              <variable property="TimeZone" name="OSDTimeZone">UTC</variable>
            </defaultVarList>
          </step>
        </sequence>
        """

    @Test func itReturnsTheCanonicalSequenceWithSecretsBlankAndStoresNothing() throws {
        let fixture = try ServiceFixture()
        let returned = try fixture.service.importSequence(xml: Self.withSecrets, for: fixture.root)
        #expect(!returned.contains(Self.password) && !returned.contains(Self.productKey), "secrets in clear: \(returned)")
        // The same sequence, secrets blanked …
        let input = try TaskSequenceReader().sequence(fromXML: Self.withSecrets)
        let output = try TaskSequenceReader().sequence(fromXML: returned)
        #expect(output == input.blankingSecrets())
        let settings = try #require(output.steps.first?.variables)
        #expect(settings.value(forProperty: "AdminPassword") == "")
        #expect(settings.value(forProperty: "ProductKey") == "")
        #expect(settings.value(forProperty: "RegisteredOrgName") == "Contoso")
        // … in canonical form: what the provider writes is what it returns again.
        #expect(try fixture.service.importSequence(xml: returned, for: fixture.root) == returned)
        #expect(returned != Self.withSecrets)
        #expect(try fixture.service.packageIDs(for: fixture.root).isEmpty)
    }

    @Test func xmlThatDoesNotReadIsInvalidXMLAtItsPlace() throws {
        let fixture = try ServiceFixture()
        do {
            _ = try fixture.service.importSequence(xml: "<sequence version=\"3.10\">\n<step", for: fixture.root)
            Issue.record("broken XML was accepted")
        } catch ProviderError.invalidXML(let line, _, let message) {
            #expect(line == 2, "\(message)")
        }
    }

    @Test func aSequenceThatBreaksARuleIsValidationFailedNamingTheProperty() throws {
        let fixture = try ServiceFixture()
        let unnamed = #"<sequence version="3.10"><group name=""/></sequence>"#
        do {
            _ = try fixture.service.importSequence(xml: unnamed, for: fixture.root)
            Issue.record("a group without a name was accepted")
        } catch ProviderError.validationFailed(let property, _) {
            #expect(property == "Name")
        }
    }
}

import Foundation
import TaskSequenceSDK
import TaskSequenceModel
import TaskSequenceXML
import Testing
import TestSupport

/// CreateFromTemplate, GetTemplates and GetTemplate over the bus, through the SDK's typed API.
@Suite struct TemplateTests {
    static let secrets = ["Adm1n-S3cret", "J0in-S3cret", "Capt-S3cret", "NPPR9-FWDCX-D2C8J-H872K-2YT43"]

    static func settings(image: String, boot: String, client: String) -> DeploymentParameters {
        DeploymentParameters(
            bootImage: boot, image: ImageReference(packageID: image, index: 2), productKey: "NPPR9-FWDCX-D2C8J-H872K-2YT43",
            administratorPassword: "Adm1n-S3cret",
            network: .domain(name: "corp.example.com", organizationalUnit: "OU=Labs,DC=corp,DC=example,DC=com", account: "CORP\\svc-join", password: "J0in-S3cret"),
            clientPackage: client, clientProperties: "SMSMP=cm01.corp.example.com", updates: .all,
            installs: [PackageProgram(packageID: client, program: "Repair")], continueOnInstallError: true, timeZone: "Pacific Standard Time")
    }

    @Test func discoveryListsTheTemplatesAndTheirParameters() throws {
        try withProvider { client, _ in
            let templates = try client.templates()
            #expect(templates.map(\.name) == ["install-image", "build-and-capture", "custom"])
            #expect(templates.map(\.title) == ["Install an existing image package", "Build and capture a reference operating system image",
                                               "Create a new custom task sequence"])
            let capture = try client.template(named: "Build-And-Capture")
            #expect(capture == templates[1])
            let byName = Dictionary(uniqueKeysWithValues: capture.parameters.map { ($0.name, $0) })
            #expect(byName["CapturePassword"]?.isSecret == true && byName["CapturePassword"]?.isRequired == true)
            #expect(byName["Updates"]?.allowedValues == ["required", "all", "none"] && byName["Updates"]?.defaultValue == "none")
            #expect(byName["Install"]?.isMultiple == true && byName["Install"]?.kind == .packagePrograms)
            #expect(byName["Image"]?.kind == .image && byName["Name"]?.isRequired == true)
            #expect(capture.parameters.filter(\.isSecret).map(\.name) == ["ProductKey", "AdminPassword", "JoinPassword", "CapturePassword"])
            let error = providerError { _ = try client.template(named: "upgrade") }
            #expect(error?.isNotFound == true)
        }
    }

    @Test func buildAndCaptureMakesTheWizardsSequenceAndNeverReturnsTheSecrets() throws {
        try withProvider { client, daemon in
            let boot = try SitePackages.create(named: "Boot image (x64)", address: daemon.address)
            let image = try SitePackages.create(named: "Windows 11 Enterprise", address: daemon.address)
            let agent = try SitePackages.create(named: "Configuration Manager Client Package", address: daemon.address)
            let deployment = Self.settings(image: image, boot: boot, client: agent)
            let capture = CaptureSettings(path: "\\\\cm01\\captures$\\w11.wim", account: "CORP\\svc-cap", password: "Capt-S3cret",
                                          createdBy: "OSD", version: "2.1", description: "Reference")
            let package = try client.createPackage(
                fromTemplate: .buildAndCapture(BuildAndCaptureParameters(deployment: deployment, capture: capture)), named: "W11 reference",
                description: "From the template")
            let info = try package.info()
            #expect(info.name == "W11 reference" && info.description == "From the template")
            #expect(info.bootImageID == boot)
            #expect(info.taskSequenceFlags & 1 == 0, "every referenced package exists")
            #expect(Set(info.references.map(\.package)) == [boot, image, agent])

            // The stored sequence is the model's for the same answers, secrets blanked.
            let expected = try BuildAndCaptureTemplate.sequence(for: BuildAndCaptureParameters(
                deployment: DeploymentParameters(
                    bootImage: boot, image: ImageReference(packageID: image, index: 2), productKey: "NPPR9-FWDCX-D2C8J-H872K-2YT43",
                    administratorPassword: "Adm1n-S3cret",
                    network: .domain(name: "corp.example.com", organizationalUnit: "OU=Labs,DC=corp,DC=example,DC=com",
                                     account: "CORP\\svc-join", password: "J0in-S3cret"),
                    clientPackage: agent, clientProperties: "SMSMP=cm01.corp.example.com", updates: .all,
                    installs: [PackageProgram(packageID: agent, program: "Repair")], continueOnInstallError: true,
                    timeZone: "Pacific Standard Time"),
                capture: CaptureSettings(path: "\\\\cm01\\captures$\\w11.wim", account: "CORP\\svc-cap", password: "Capt-S3cret",
                                         createdBy: "OSD", version: "2.1", description: "Reference")))
            let expectedXML = try TaskSequenceWriter(form: .export).sequenceXML(expected)
            let stored = try package.sequenceXML()
            #expect(try XMLEquivalence.firstDifference(between: expectedXML, and: stored) == nil)

            var replies = [stored, try package.export(format: .package), try package.export(format: .sequence)]
            var parents: [any StepParent] = [package.sequence]
            while let parent = parents.popLast() {
                for step in try parent.steps() {
                    let info = try step.info()
                    replies.append(String(describing: info))
                    if info.className == "SMS_TaskSequence_Group" {
                        parents.append(step)
                    } else {
                        replies.append(String(describing: try step.settings()))
                    }
                }
            }
            replies += try client.query("SELECT * FROM SMS_TaskSequence_Action").map { String(describing: $0) }
            for secret in Self.secrets { #expect(!replies.contains { $0.contains(secret) }, "\(secret) came back") }
        }
    }

    @Test func refusalsNameTheParameterAndCreateNothing() throws {
        try withProvider { client, _ in
            var deployment = Self.settings(image: "PS1000AA", boot: "PS1000AB", client: "PS1000AC")
            deployment.image.packageID = "not-an-id"
            let error = providerError { _ = try client.createPackage(fromTemplate: .installImage(InstallImageParameters(deployment: deployment)), named: "Broken") }
            #expect(error == .invalidArguments("argument Image: Image 'not-an-id:2' is not valid: expected PACKAGEID:INDEX, an image package and the image index in it (1 or more)"))
            let missing = providerError { _ = try client.createPackage(fromTemplate: "install-image", parameters: ["Name": "x", "BootImage": "PS1000AB"]) }
            #expect(missing == .invalidArguments("argument Image: Image is required: the OS image package and the index of the image in it, PACKAGEID:INDEX"))
            #expect(try client.packages().isEmpty)

            // Packages the site lacks are accepted, and flagged dangling as an import would be.
            let dangling = try client.createPackage(fromTemplate: .installImage(InstallImageParameters(deployment: Self.settings(image: "PS1000AA", boot: "PS1000AB", client: "PS1000AC"))),
                                                    named: "Dangling")
            #expect(try dangling.info().taskSequenceFlags & 1 == 1)
        }
    }
}

struct SitePackageError: Error { let message: String }

/// SMS_Package instances, made with busctl through the class object's CreateInstance (the SDK
/// has no call for them).
enum SitePackages {
    static func create(named name: String, address: String) throws -> String {
        let result = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/busctl"), [
            "--address=\(address)", "call", "org.tsprovider.Provider1", "/org/tsprovider/Provider1/SMS_Package",
            "org.tsprovider.Provider1.Class", "CreateInstance", "a{sv}", "1", "Name", "s", name,
        ])
        // o "/org/tsprovider/Provider1/SMS_Package/PS100001"
        let path = result.output.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\"").dropFirst().first ?? ""
        guard result.status == 0, let id = path.split(separator: "/").last, id.count == 8 else {
            throw SitePackageError(message: "busctl CreateInstance SMS_Package: \(result.errorOutput) \(result.output)")
        }
        return String(id)
    }
}

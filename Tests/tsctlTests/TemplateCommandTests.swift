import Foundation
import Testing
import TaskSequenceModel
import TaskSequenceXML
import TestSupport

/// `tsctl package create NAME --template …`, run as the built binary against a real daemon:
/// each template with realistic answers and a secrets file, the export compared with the
/// sequence the model's template writes, and the secrets in no argument and no output.
@Suite struct TemplateCommandTests {
    static let secrets = ["admin-password": "Adm1n-S3cret!", "join-password": "J0in-S3cret!", "capture-password": "Capt-S3cret!",
                          "product-key": "NPPR9-FWDCX-D2C8J-H872K-2YT43"]
    static let user = "tsp-templater"

    /// A secrets file holding `entries` (with a comment and a blank line, as people write them).
    static func secretsFile(_ entries: [String: String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tsp-secrets-\(UUID().uuidString)")
        let lines = ["# secrets for the reference build", ""] + entries.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        return url
    }

    /// An SMS_Package made with busctl; returns its PackageID.
    static func sitePackage(_ cli: TSCtlDaemon, named name: String) throws -> String {
        let result = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/busctl"), [
            "--address=\(cli.daemon.address)", "call", "org.tsprovider.Provider1", "/org/tsprovider/Provider1/SMS_Package",
            "org.tsprovider.Provider1.Class", "CreateInstance", "a{sv}", "1", "Name", "s", name,
        ])
        let path = result.output.split(separator: "\"").dropFirst().first ?? ""
        let id = String(path.split(separator: "/").last ?? "")
        #expect(result.status == 0 && id.count == 8, "busctl: \(result.errorOutput)")
        return id
    }

    /// Runs tsctl, checking that no secret is among its arguments nor in anything it printed.
    @discardableResult
    static func run(_ cli: TSCtlDaemon, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> CommandResult {
        for secret in secrets.values { #expect(!arguments.contains { $0.contains(secret) }, sourceLocation: sourceLocation) }
        let result = try cli.tsctl(arguments)
        for secret in secrets.values {
            #expect(!result.output.contains(secret) && !result.errorOutput.contains(secret), "tsctl printed a secret", sourceLocation: sourceLocation)
        }
        return result
    }

    @Test func buildAndCaptureFromTheCommandLineExportsTheWizardsSequence() throws {
        let file = try Self.secretsFile(Self.secrets)
        defer { try? FileManager.default.removeItem(at: file) }
        try withDaemon { cli in
            let boot = try Self.sitePackage(cli, named: "Boot image (x64)")
            let image = try Self.sitePackage(cli, named: "Windows 11 Enterprise")
            let agent = try Self.sitePackage(cli, named: "Configuration Manager Client Package")
            let office = try Self.sitePackage(cli, named: "Office 365")
            let created = try Self.run(cli, [
                "package", "create", "Windows 11 reference", "--description", "Monthly reference image",
                "--template", "build-and-capture", "--boot-image", boot, "--image", "\(image):3",
                "--domain", "corp.example.com", "--ou", "OU=Reference,DC=corp,DC=example,DC=com", "--join-account", "CORP\\svc-join",
                "--client-package", agent, "--client-properties", "SMSMP=cm01.corp.example.com FSP=cm01",
                "--updates", "required", "--install", "\(office):Install Office", "--continue-on-install-error",
                "--time-zone", "W. Europe Standard Time", "--capture-path", "\\\\cm01\\captures$\\w11-ref.wim",
                "--capture-account", "CORP\\svc-capture", "--image-version", "2026.12", "--image-created-by", "OSD team",
                "--secrets-file", file.path,
            ])
            #expect(created.status == 0, "\(created.errorOutput)")
            let id = created.output.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(id.hasPrefix("PS1") && id.count == 8)

            let expected = try BuildAndCaptureTemplate.sequence(for: BuildAndCaptureParameters(
                deployment: DeploymentParameters(
                    bootImage: boot, image: ImageReference(packageID: image, index: 3), productKey: Self.secrets["product-key"],
                    administratorPassword: Self.secrets["admin-password"],
                    network: .domain(name: "corp.example.com", organizationalUnit: "OU=Reference,DC=corp,DC=example,DC=com",
                                     account: "CORP\\svc-join", password: Self.secrets["join-password"] ?? ""),
                    clientPackage: agent, clientProperties: "SMSMP=cm01.corp.example.com FSP=cm01", updates: .required,
                    installs: [PackageProgram(packageID: office, program: "Install Office")], continueOnInstallError: true,
                    timeZone: "W. Europe Standard Time"),
                capture: CaptureSettings(path: "\\\\cm01\\captures$\\w11-ref.wim", account: "CORP\\svc-capture",
                                         password: Self.secrets["capture-password"] ?? "", createdBy: "OSD team", version: "2026.12")))
            let exported = try Self.run(cli, ["export", id, "--format", "sequence"]).output
            let expectedXML = try TaskSequenceWriter(form: .export).sequenceXML(expected)
            #expect(try XMLEquivalence.firstDifference(between: expectedXML, and: exported) == nil)
            #expect(exported.contains("Capture the Reference Machine") && exported.contains("Partition Disk 0 - UEFI"))

            let show = try Self.run(cli, ["package", "show", id, "--json"])
            let package = try jsonObject(try JSONSerialization.jsonObject(with: show.standardOutput))
            #expect(package["BootImageID"] as? String == boot)
            #expect(package["Description"] as? String == "Monthly reference image")
            #expect(int(package["Type"]) == 2 && int(package["TaskSequenceFlags"]) == 0)
            for arguments in [["export", id], ["step", "list", id, "--tree"], ["step", "list", id, "--json"],
                              ["query", "SELECT * FROM SMS_TaskSequence_Action"], ["query", "SELECT * FROM SMS_TaskSequence_Step", "--json"]] {
                let result = try Self.run(cli, arguments)
                #expect(result.status == 0, "\(arguments): \(result.errorOutput)")
            }
        }
    }

    @Test func installImageAndCustomFromTheCommandLine() throws {
        let file = try Self.secretsFile(["admin-password": Self.secrets["admin-password"] ?? ""])
        defer { try? FileManager.default.removeItem(at: file) }
        try withDaemon { cli in
            let boot = try Self.sitePackage(cli, named: "Boot image (x64)")
            let image = try Self.sitePackage(cli, named: "Windows 11 Enterprise")
            let agent = try Self.sitePackage(cli, named: "Client")
            let usmt = try Self.sitePackage(cli, named: "User State Migration Tool for Windows")
            let result = try Self.run(cli, [
                "package", "create", "Deploy Windows 11", "--template", "install-image", "--boot-image", boot, "--image", "\(image):1",
                "--workgroup", "BRANCH", "--client-package", agent, "--updates", "all", "--no-partition", "--secrets-file", file.path,
                "--capture-user-settings", "--usmt-package", usmt, "--capture-network-settings",
            ])
            #expect(result.status == 0, "\(result.errorOutput)")
            let id = result.output.trimmingCharacters(in: .whitespacesAndNewlines)
            var answers = InstallImageParameters(deployment: DeploymentParameters(
                bootImage: boot, image: ImageReference(packageID: image, index: 1), administratorPassword: Self.secrets["admin-password"],
                network: .workgroup("BRANCH"), clientPackage: agent, updates: .all))
            answers.partitionDisk = false
            answers.stateMigration = StateMigration(userStatePackage: usmt, networkSettings: true)
            let expected = try TaskSequenceWriter(form: .export).sequenceXML(try InstallImageTemplate.sequence(for: answers))
            let exported = try Self.run(cli, ["export", id, "--format", "sequence"]).output
            #expect(try XMLEquivalence.firstDifference(between: expected, and: exported) == nil)

            let custom = try Self.run(cli, ["package", "create", "Blank", "--template", "custom", "--boot-image", boot, "--json"])
            let object = try jsonObject(try JSONSerialization.jsonObject(with: custom.standardOutput))
            #expect(object["BootImageID"] as? String == boot && object["Name"] as? String == "Blank")
            let blank = try #require(object["PackageID"] as? String)
            #expect(try cli.succeed("step", "list", blank, "--json") == "[]" || (try jsonArray(try cli.json("step", "list", blank))).isEmpty)
        }
    }

    @Test func templatesListsTheTemplatesAndTheOptionOfEachParameter() throws {
        try withDaemon { cli in
            #expect(try cli.succeed("package", "templates").split(separator: "\n").map { $0.split(separator: " ").first.map(String.init) ?? "" } ==
                ["TEMPLATE", "install-image", "build-and-capture", "custom"])
            let table = try cli.succeed("package", "templates", "build-and-capture").split(separator: "\n").map(String.init)
            #expect(table.first == "Build and capture a reference operating system image")
            let options = table.dropFirst(2).compactMap { $0.split(separator: " ").first.map(String.init) }
            #expect(options == ["NAME", "--description", "--boot-image", "--image", "secrets-file:", "secrets-file:", "--workgroup", "--domain",
                                "--ou", "--join-account", "secrets-file:", "--client-package", "--client-properties", "--updates", "--install",
                                "--continue-on-install-error", "--time-zone", "--registered-user", "--registered-org", "--sysprep-package",
                                "--capture-path", "--capture-account", "secrets-file:", "--image-created-by", "--image-version",
                                "--image-description"])
            #expect(table.contains { $0.hasPrefix("secrets-file: capture-password=") && $0.contains("yes") })
            let json = try jsonObject(try cli.json("package", "templates", "install-image"))
            #expect(json["Name"] as? String == "install-image")
            let parameters = try #require(json["Parameters"] as? [[String: Any]])
            #expect(parameters.contains { $0["Name"] as? String == "PartitionDisk" && $0["Default"] as? String == "true" })
            try cli.fail(["package", "templates", "upgrade"], mentions: ["template upgrade", "does not exist", "known: install-image, build-and-capture, custom"])
        }
    }

    @Test func refusalsNameWhatIsMissingOrWrong() throws {
        try SystemPrincipals.user(Self.user)
        let file = try Self.secretsFile(["capture-password": "Capt-S3cret!"])
        let badFile = try Self.secretsFile(["root-password": "x"])
        defer {
            try? FileManager.default.removeItem(at: file)
            try? FileManager.default.removeItem(at: badFile)
        }
        try withDaemon { cli in
            let base = ["package", "create", "Ref", "--template", "build-and-capture", "--boot-image", "PS1000A1", "--image", "PS1000A2:1",
                        "--client-package", "PS1000A3", "--capture-path", "\\\\cm01\\cap\\ref.wim", "--capture-account", "CORP\\cap",
                        "--secrets-file", file.path]
            // The join password is neither in the file nor typed (standard input is no terminal).
            try cli.fail(base + ["--domain", "corp.example.com", "--join-account", "CORP\\j"], mentions: ["JoinPassword is required"])
            try cli.fail(base + ["--workgroup", "LAB", "--domain", "corp"], mentions: ["Domain and Workgroup cannot both be given"])
            try cli.fail(base, mentions: ["Workgroup is required"])
            try cli.fail(base + ["--workgroup", "LAB", "--updates", "some"], mentions: ["Updates 'some'", "required, all, none"])
            try cli.fail(base + ["--workgroup", "LAB", "--install", "PS1000A4"], mentions: ["Install 'PS1000A4'", "PACKAGEID:PROGRAM"])
            try cli.fail(["package", "create", "Ref", "--template", "upgrade"], mentions: ["no template 'upgrade'"])
            try cli.fail(["package", "create", "Ref", "--template", "custom", "--secrets-file", badFile.path], mentions: ["unknown secret 'root-password'", "line 3"])
            // Template options without --template are a usage error.
            try cli.fail(["package", "create", "Ref", "--boot-image", "PS1000A1"], status: 2, mentions: ["--boot-image"])
            try cli.fail(["package", "create", "Ref", "--template", "install-image", "--boot-image", "PS1000A1", "--image", "PS1000A2:1",
                          "--workgroup", "LAB", "--client-package", "PS1000A3", "--capture-user-settings"], mentions: ["UsmtPackage is required"])
            #expect(try jsonArray(try cli.json("package", "list")).isEmpty)

            // Creating needs Create on the class; the creator then reads, changes and deletes it.
            try cli.fail(asUser: Self.user, ["package", "create", "Mine", "--template", "custom"], mentions: ["Create"])
            try cli.succeed("perm", "grant", Self.user, "Create", "SMS_TaskSequencePackage")
            let id = try cli.succeed(asUser: Self.user, "package", "create", "Mine", "--template", "custom", "--boot-image", "PS1000A1")
            try cli.succeed(asUser: Self.user, "package", "set", id, "--name", "Mine, renamed")
            let shown = try jsonObject(try cli.json(asUser: Self.user, "package", "show", id))
            #expect(shown["Name"] as? String == "Mine, renamed")
            #expect(int(shown["TaskSequenceFlags"]) == 1, "the boot image is not a package of the site: dangling")
            try cli.succeed(asUser: Self.user, "package", "delete", id)
        }
    }
}

/// The prompt for a missing secret, on a real terminal (a pty python opens): asked on standard
/// error, typed without echo, used, and nowhere in what the terminal shows.
@Suite struct TemplateSecretPromptTests {
    static let driver = """
        import os, pty, select, sys
        tsctl, password = sys.argv[1], sys.argv[2]
        pid, fd = pty.fork()
        if pid == 0:
            os.execv(tsctl, [tsctl] + sys.argv[3:])
        seen = b''
        answered = False
        while True:
            ready, _, _ = select.select([fd], [], [], 30)
            if not ready:
                break
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if not answered and seen.endswith(b'capture-password: '):
                os.write(fd, password.encode() + b'\\n')
                answered = True
        _, status = os.waitpid(pid, 0)
        text = seen.decode(errors='replace')
        print('status', os.waitstatus_to_exitcode(status))
        print('asked', answered)
        print('echoed', password in text)
        print('id', text.replace('capture-password: ', '').split()[0] if text.split() else '')
        """

    @Test func aMissingSecretIsAskedForWithoutEcho() throws {
        try withDaemon { cli in
            let password = "Typed-S3cret!"
            let tsctl = try CommandRunner.builtProduct(named: "tsctl").path
            let run = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/python3"), ["-c", Self.driver, tsctl, password,
                "package", "create", "Prompted", "--template", "build-and-capture", "--boot-image", "PS1000A1", "--image", "PS1000A2:1",
                "--workgroup", "LAB", "--client-package", "PS1000A3", "--capture-path", "\\\\cm01\\cap\\ref.wim",
                "--capture-account", "CORP\\cap", "--address", cli.daemon.address])
            let lines = run.output.split(separator: "\n").map(String.init)
            #expect(lines.prefix(3) == ["status 0", "asked True", "echoed False"], "\(run.output) \(run.errorOutput)")
            let id = try #require(lines.last?.split(separator: " ").last.map(String.init))
            #expect(id.hasPrefix("PS1") && id.count == 8, "\(run.output)")
            // Stored: the capture step holds a password, shown blank.
            let export = try cli.succeed("export", id, "--format", "sequence")
            #expect(export.contains("property=\"CapturePassword\"") && !export.contains(password))
        }
    }
}

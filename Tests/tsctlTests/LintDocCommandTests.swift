import Foundation
import Testing
import TestSupport
import TaskSequenceModel
import TaskSequenceXML

/// `tsctl lint` and `tsctl doc`: offline on files, through the daemon on stored packages, and
/// the HTML document rendered by headless Chromium.
@Suite struct LintDocCommandTests {
    /// A real BIOS-update sequence whose PowerShell parameters carry `-Password "…"` in four steps.
    static let bios = TSCtlFixtures.path("DeploymentResearch__DRFiles__Scripts__TaskSequences__BIOS-Update-TS.zip__SMS_TaskSequencePackage__PS10026F__object.xml")
    static let biosPasswordSteps = ["Run Dell BIOS Update", "Run HP BIOS Update", "Run Lenovo BIOS Update", "Run Microsoft SurfaceBIOS Update"]

    /// Imports the BIOS sequence (which warns about an empty `or`) and returns its PackageID.
    static func importBIOS(_ cli: TSCtlDaemon) throws -> String {
        let imported = try cli.tsctl("import", bios)
        #expect(imported.status == 0, "\(imported.errorOutput)")
        return String(imported.output.prefix(8))
    }

    @Test func lintOfflineFindsClearTextPasswordsAndExitsOne() throws {
        let result = try TSCtlFixtures.tsctl("lint", Self.bios, "--json")
        #expect(result.status == 1, "\(result.errorOutput)")
        let entries = try jsonArray(try JSONSerialization.jsonObject(with: result.standardOutput))
        let keys: Set<String> = ["Code", "Rule", "Severity", "StepID", "Name", "Path", "Message", "File", "PackageID"]
        #expect(entries.allSatisfy { Set($0.keys) == keys })
        #expect(entries.allSatisfy { $0["StepID"] is NSNull && $0["PackageID"] is NSNull && $0["File"] as? String == Self.bios })
        let passwords = entries.filter { $0["Code"] as? String == "TS201" }
        #expect(passwords.compactMap { $0["Name"] as? String } == Self.biosPasswordSteps)
        #expect(passwords.allSatisfy { $0["Severity"] as? String == "error" && $0["Rule"] as? String == "clear-text-secret-in-command" })
        #expect(entries.map { $0["Code"] as? String ?? "" } == ["TS201", "TS201", "TS901", "TS201", "TS201", "TS401"])

        let text = try TSCtlFixtures.tsctl("lint", Self.bios)
        #expect(text.status == 1)
        #expect(text.outputLines.first == "\(Self.bios): error TS201 clear-text-secret-in-command group[1]/step[3] \"Run Dell BIOS Update\": Parameters passes a password in clear text after -Password; put it in a hidden variable and pass %Variable%, or use the step's Run as account")
        #expect(text.outputLines.suffix(2) == [
            "lint: 4 errors, 1 warning, 1 info in 1 sequence (TS201 4, TS401 1, TS901 1)",
            "lint: files are linted offline: references to packages are not checked",
        ])
    }

    @Test func lintOfflineExitsZeroWithoutErrorsAndOneForAnUnreadableFile() throws {
        let clean = try TSCtlFixtures.tsctl("lint", CLIFixtures.echo)
        #expect(clean.status == 0, "\(clean.output)")
        #expect(clean.outputLines.dropLast().last?.hasPrefix("lint: 0 errors, ") == true, "\(clean.output)")

        let malformed = TSCtlFixtures.path(try #require(TSCtlFixtures.malformedNames.first), in: TSCtlFixtures.malformed)
        let refused = try TSCtlFixtures.tsctl("lint", malformed, CLIFixtures.echo)
        #expect(refused.status == 1)
        #expect(refused.errorLines.count == 1 && refused.errorLines.first?.hasPrefix(malformed + ":") == true, "\(refused.errorOutput)")
        #expect(refused.outputLines.dropLast().last?.contains(" in 1 sequence") == true, "\(refused.output)")
    }

    /// A variable a collection sets, named with --known-variable, is no longer reported.
    @Test func knownVariablesSilenceUnsetConditionVariables() throws {
        let file = TSCtlFixtures.path(try #require(TSCtlFixtures.realWorldNames.first { $0.contains("Module_-_Sp") }))
        let before = try jsonArray(try JSONSerialization.jsonObject(with: try TSCtlFixtures.tsctl("lint", file, "--json").standardOutput))
        #expect(before.filter { $0["Code"] as? String == "TS302" }.count == 3)
        let after = try jsonArray(try JSONSerialization.jsonObject(with: try TSCtlFixtures.tsctl("lint", file, "--known-variable", "splashtheme", "--json").standardOutput))
        #expect(after.filter { $0["Code"] as? String == "TS302" }.isEmpty)
        #expect(after.count == before.count - 3)
    }

    /// The 94 corpus files in one run: the counts docs/lint.md gives.
    @Test func lintReportsItsCountsOnTheCorpus() throws {
        let files = TSCtlFixtures.realWorldNames.map { TSCtlFixtures.path($0) }
        #expect(files.count == 94)
        let result = try TSCtlFixtures.tsctl(["lint"] + files)
        #expect(result.status == 1)
        #expect(result.outputLines.dropLast().last == "lint: 5 errors, 6 warnings, 220 info in 94 sequences (TS201 5, TS302 12, TS401 133, TS402 38, TS403 37, TS901 6)")
    }

    @Test func lintThroughTheDaemonNamesStepIDs() throws {
        try SystemPrincipals.user("tslintnobody")
        try withDaemon { cli in
            let id = try Self.importBIOS(cli)
            let result = try cli.tsctl("lint", id, "--json")
            #expect(result.status == 1, "\(result.errorOutput)")
            let entries = try jsonArray(try JSONSerialization.jsonObject(with: result.standardOutput))
            // The site has no package PS10026E, which four steps download: online, those references dangle.
            #expect(entries.map { $0["Code"] as? String ?? "" } == ["TS101", "TS101", "TS201", "TS101", "TS201", "TS901", "TS101", "TS201", "TS101", "TS201", "TS401"])
            #expect(entries.filter { $0["Code"] as? String == "TS101" }.allSatisfy {
                $0["Message"] as? String == "package PS10026E does not exist at this site; import it or point the step at an existing package"
            })
            #expect(entries.allSatisfy { $0["PackageID"] as? String == id && $0["File"] is NSNull })

            // Each finding's StepID is the step `step list` shows under that name.
            let steps = try jsonArray(try cli.json("step", "list", id))
            let idsByName = Dictionary(steps.map { ($0["Name"] as? String ?? "", int($0["StepID"]) ?? -1) }, uniquingKeysWith: { first, _ in first })
            for entry in entries {
                let name = try #require(entry["Name"] as? String)
                #expect(int(entry["StepID"]) == idsByName[name], "\(name)")
            }

            // The same findings offline, apart from StepID and where they come from.
            let offline = try jsonArray(try JSONSerialization.jsonObject(with: try TSCtlFixtures.tsctl("lint", Self.bios, "--json").standardOutput))
            #expect(offline.map { $0["Message"] as? String ?? "" } == entries.filter { $0["Code"] as? String != "TS101" }.map { $0["Message"] as? String ?? "" })

            // Validate needs Read.
            let refused = try cli.tsctl(asUser: "tslintnobody", ["lint", id])
            #expect(refused.status == 1)
            #expect(refused.errorLines == ["tsctl: package \(id): not found (no such object, or you may not read it)"])
        }
    }

    @Test func docOfflineWritesMarkdownAndHTMLWithEveryStep() throws {
        let directory = try TemporaryDirectory()
        let sequence = try TaskSequenceReader().document(from: Data(contentsOf: URL(fileURLWithPath: Self.bios))).sequence
        let names = sequence.allSteps.map(\.name)
        #expect(names.count >= 8)

        let markdown = try TSCtlFixtures.tsctl("doc", Self.bios, "--format", "md")
        #expect(markdown.status == 0, "\(markdown.errorOutput)")
        #expect(markdown.output.hasPrefix("# Module - Modern BIOS Management\n"))
        for name in names { #expect(markdown.output.contains("**\(name)**"), "\(name)") }
        #expect(markdown.output.contains("| SourceVersion | 1 |"))
        #expect(markdown.output.contains("**Pause in WinPE** — Run Command Line · **disabled**"))

        let html = directory.path + "/bios.html"
        let written = try TSCtlFixtures.tsctl("doc", Self.bios, "--format", "html", "-o", html)
        #expect(written.status == 0 && written.output.isEmpty, "\(written.errorOutput)")
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        for name in names { #expect(page.contains(">\(HTMLDocumentationEscaping.escape(name))<"), "\(name)") }
    }

    @Test func docThroughTheDaemonShowsStepIDsAndTheSourceVersion() throws {
        try withDaemon { cli in
            let id = try Self.importBIOS(cli)
            let steps = try jsonArray(try cli.json("step", "list", id))
            let markdown = try cli.succeed("doc", id, "--format", "md")
            #expect(markdown.contains("_Package \(id), SourceVersion 1_"))
            for step in steps {
                let name = try #require(step["Name"] as? String)
                let stepID = try #require(int(step["StepID"]))
                #expect(markdown.contains("**\(name)** — ") && markdown.contains(" · step \(stepID)"), "\(name)")
            }
            try cli.fail(["doc", "PS1FFFFF"], mentions: ["PS1FFFFF"])
        }
    }

    /// A stored secret comes back blanked from the service, and the document still says the step
    /// has one; a hostile name stays text.
    @Test func docOfAStoredPackageMarksSecretsAndEscapesNames() throws {
        let directory = try TemporaryDirectory()
        let file = directory.path + "/runas.xml"
        try writeTextFile(file, """
            <sequence version="3.10">
              <step type="SMS_TaskSequence_RunCommandLineAction" name="&lt;script&gt;alert(1)&lt;/script&gt;">
                <action>smsswd.exe /run: cmd /c whoami</action>
                <defaultVarList>
                  <variable name="CommandLine" property="CommandLine">cmd /c whoami</variable>
                  <variable name="SMSTSRunCommandLineUserName" property="UserName">CORP\\svc</variable>
                  <variable name="SMSTSRunCommandLineUserPassword" property="UserPassword">Hunter2Hunter2</variable>
                </defaultVarList>
              </step>
            </sequence>
            """)
        try withDaemon { cli in
            let imported = try cli.tsctl("import", file)
            #expect(imported.status == 0, "\(imported.errorOutput)")
            let id = String(imported.output.prefix(8))
            let markdown = try cli.succeed("doc", id, "--format", "md")
            #expect(markdown.hasSuffix("  - UserPassword: `(secret, not shown)`"))
            #expect(markdown.contains("  - UserName: `CORP\\svc`\n"))
            #expect(markdown.contains("- **&lt;script&gt;alert(1)&lt;/script&gt;** — Run Command Line · step "))
            let html = try cli.succeed("doc", id, "--format", "html")
            #expect(!html.contains("<script") && !html.contains("Hunter2Hunter2"))
            #expect(html.contains("<dt>UserPassword</dt><dd><em class=\"secret\">(secret, not shown)</em></dd>"))
        }
    }

    /// Chromium renders the HTML of a real corpus sequence: every step name is in the text a
    /// person sees, the secrets are not, and the screenshot is kept.
    @Test func htmlRendersInHeadlessChromiumWithEveryStepNameVisible() throws {
        let name = "DeploymentBunny__MVPDays__DeploymentShare__Control__WS2019-002__ts.xml"
        let file = TSCtlFixtures.path(name)
        let sequence = try TaskSequenceReader().document(from: Data(contentsOf: URL(fileURLWithPath: file))).sequence
        let stepNames = sequence.allSteps.map(\.name)
        #expect(stepNames.count >= 50)

        let page = HeadlessChromium.artifacts.appendingPathComponent("lintdoc-WS2019-002.html")
        try FileManager.default.createDirectory(at: HeadlessChromium.artifacts, withIntermediateDirectories: true)
        let written = try TSCtlFixtures.tsctl("doc", file, "--format", "html", "-o", page.path)
        #expect(written.status == 0, "\(written.errorOutput)")

        let rendering = try HeadlessChromium.render(page, screenshot: HeadlessChromium.artifacts.appendingPathComponent("lintdoc-WS2019-002.png"))
        print("doc screenshot: \(rendering.screenshot.path)")
        let visible = rendering.text.split(whereSeparator: \.isNewline).joined(separator: "\n")
        for stepName in Set(stepNames) {
            #expect(visible.contains(stepName), "not visible: \(stepName)")
        }
        #expect(visible.contains("From \(name)"))
        // The markup itself is not text: no tag shows.
        #expect(!visible.contains("<li") && !visible.contains("<span"))
        let screenshot = try Data(contentsOf: rendering.screenshot)
        #expect(screenshot.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(screenshot.count > 10_000)
    }
}

/// The escaping the HTML renderer applies, to find names in the page source.
enum HTMLDocumentationEscaping {
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}

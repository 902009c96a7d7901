import Testing
@testable import TaskSequenceModel

/// The documentation renderers on a sequence with every feature a reviewer must see, and a
/// hostile step name.
@Suite struct DocumentationTests {
    static let hostile = "<script>alert('x')</script> & \"quoted\""

    static func documentation() -> SequenceDocumentation {
        var install = Build.action("SMS_TaskSequence_InstallSoftwareAction", name: "Install agent", [("PackageID", "PS100010"), ("ProgramName", "Setup")])
        install.continueOnError = true
        var joined = Build.action("SMS_TaskSequence_ApplyNetworkSettingsAction", name: "Join domain",
                                  [("DomainName", "corp.example"), ("DomainUsername", "CORP\\join"), ("DomainPassword", "Sup3rSecret")])
        joined.condition = Condition(operands: [Build.variableTest("_SMSTSInWinPE", "equals", "false")])
        var old = Build.action("SMS_TaskSequence_RunCommandLineAction", name: Self.hostile, [("CommandLine", "cmd /c echo <b>")])
        old.isEnabled = false
        let sequence = Build.sequence(
            Step.group(name: "Prepare", steps: [install, Step.group(name: "Inner", steps: [joined])]),
            old,
            Step.group(name: "Nothing here")
        )
        let ids: [StepPath: Int64] = [StepPath().appending(.group, at: 0): 11, StepPath().appending(.group, at: 0).appending(.step, at: 0): 12]
        return SequenceDocumentation(
            title: "Deploy <Windows>", properties: [.init("PackageID", "PS100004"), .init("Manufacturer", ""), .init("SourceVersion", "7")],
            revision: "Package PS100004, SourceVersion 7", sequence: sequence, stepIDs: ids)
    }

    @Test func theOutlineSaysWhatAReviewerNeeds() {
        let documentation = Self.documentation()
        let steps = documentation.allSteps
        #expect(steps.map(\.name) == ["Prepare", "Install agent", "Inner", "Join domain", Self.hostile, "Nothing here"])
        #expect(steps.map(\.classWords) == ["Group", "Install Package", "Group", "Apply Network Settings", "Run Command Line", "Group"])
        #expect(steps[1].stepID == 12 && steps[0].stepID == 11 && steps[2].stepID == nil)
        #expect(steps[1].references == ["PS100010 (program Setup)"])
        #expect(steps[3].condition == "_SMSTSInWinPE equals \"false\"")
        let password = steps[3].settings.first { $0.name == "DomainPassword" }
        #expect(password?.value == DocumentedStep.hiddenValue)
        #expect(documentation.references == ["PS100010 (program Setup)"])
    }

    @Test func markdownNestsGroupsAndMarksFlags() {
        let markdown = MarkdownDocumentation.render(Self.documentation())
        #expect(markdown.hasPrefix("# Deploy &lt;Windows&gt;\n\n_Package PS100004, SourceVersion 7_\n\n| Property | Value |\n|---|---|\n| PackageID | PS100004 |\n| SourceVersion | 7 |\n"))
        #expect(markdown.contains("\n- **Prepare** — Group · step 11\n"))
        #expect(markdown.contains("\n  - **Install agent** — Install Package · step 12 · continue on error\n"))
        #expect(markdown.contains("\n    - **Join domain** — Apply Network Settings\n      - Condition: `_SMSTSInWinPE equals \"false\"`\n"))
        #expect(markdown.contains("      - DomainPassword: `(secret, not shown)`\n"))
        #expect(!markdown.contains("Sup3rSecret"))
        #expect(markdown.contains("\n- **&lt;script&gt;alert('x')&lt;/script&gt; &amp; \"quoted\"** — Run Command Line · **disabled**\n"))
        #expect(markdown.contains("\n- **Nothing here** — Group\n  - _(empty group)_\n"))
    }

    @Test func htmlIsSelfContainedEscapedAndCollapsible() {
        let html = HTMLDocumentation.render(Self.documentation())
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"))
        #expect(html.contains("<title>Deploy &lt;Windows&gt;</title>"))
        // The hostile name is text, never markup; nothing loads from elsewhere.
        #expect(!html.contains("<script"))
        #expect(html.contains("<span class=\"name\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;</span>"))
        #expect(!html.contains("src=") && !html.contains("href=") && !html.contains("@import"))
        #expect(html.contains("<style>") && html.contains("@media print{"))
        #expect(html.components(separatedBy: "<details open>").count - 1 == 3)
        #expect(html.contains("<li class=\"step disabled\">"))
        #expect(html.contains("<span class=\"flag\">continue on error</span>"))
        #expect(html.contains("<dt>Condition</dt><dd><code>_SMSTSInWinPE equals &quot;false&quot;</code></dd>"))
        #expect(html.contains("<dt>DomainPassword</dt><dd><em class=\"secret\">(secret, not shown)</em></dd>"))
        #expect(html.contains("<dt>CommandLine</dt><dd><code>cmd /c echo &lt;b&gt;</code></dd>"))
        #expect(!html.contains("Sup3rSecret"))
    }

    @Test func longValuesAreCut() {
        #expect(DocumentedStep.shortened(String(repeating: "a", count: 301)) == String(repeating: "a", count: 300) + "… (301 characters)")
        #expect(DocumentedStep.shortened("short") == "short")
    }
}

import TaskSequenceSDK

/// Example program 5: a sequence built from the typed builders instead of XML — a diagnostics
/// package that saves network details and recent events in Windows and restarts.
public enum BuiltSequence {
    /// Creates the package named `name` and returns it.
    public static func run(client: ProviderClient, named name: String) throws -> PackageHandle {
        let package = try client.createPackage(named: name, properties: [.description: .string("Built from the typed builders")])
        let diagnostics = try package.sequence.addGroup(named: "Diagnostics")
        try diagnostics.addStep(.setVariable("DiagnosticsFolder", to: #"%_SMSTSLogPath%\diag"#), named: "Choose the folder")
        try diagnostics.addStep(
            .runCommandLine(#"cmd /c ipconfig /all > "%DiagnosticsFolder%\ip.txt""#).timeout(seconds: 300),
            named: "Save network configuration",
            continuesOnError: true,
            condition: .variable("_SMSTSInWinPE", .equals, "false"))
        try diagnostics.addStep(
            .runPowerShellScript(source: #"Get-WinEvent -LogName System -MaxEvents 200 | Export-Clixml "$env:DiagnosticsFolder\events.xml""#),
            named: "Save recent system events")
        try package.sequence.addStep(.restartComputer(message: "Diagnostics saved", messageTimeout: 60), named: "Restart")
        return package
    }
}

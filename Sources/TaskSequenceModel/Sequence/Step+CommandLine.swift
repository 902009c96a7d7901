extension Step {
    /// Whether this is a Run Command Line step (typed, or an untyped MDT step) whose command is
    /// kept only in `<action>`, with no `CommandLine` variable — as MDT writes its own steps.
    ///
    /// Queries and the step's Settings read such a step's CommandLine from `<action>`, and a
    /// CommandLine edit is written back there (see ``applySettings(_:catalog:)``).
    public var keepsCommandLineInAction: Bool {
        kind == .step && catalogClassName.equalsIgnoringCase(RunCommandLine.className)
            && setting("CommandLine") == nil && actionCommandLine != nil
    }

    /// The command the step runs as its CommandLine property reads: the `CommandLine` setting,
    /// else — for a step that ``keepsCommandLineInAction`` — the `<action>` text.
    public var effectiveCommandLine: String? {
        setting("CommandLine") ?? (keepsCommandLineInAction ? actionCommandLine : nil)
    }
}

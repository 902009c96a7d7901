extension StepClass {
    /// SMS_TaskSequence_Pointer: a step with no properties beyond SupportedEnvironment.
    public static let pointer = "SMS_TaskSequence_Pointer"
}

/// The Run Command Line class, which untyped MDT steps behave as.
enum RunCommandLine {
    static let className = "SMS_TaskSequence_RunCommandLineAction"
}

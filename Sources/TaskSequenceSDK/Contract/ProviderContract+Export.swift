// The shared contract types (Rights, ExportFormat, ClassName …) are part of the SDK's public
// API: `import TaskSequenceSDK` is all a client writes to use them.
@_exported import ProviderContract
// The model's value types are the SDK's too (a diff's `SequenceChange`, a variable's
// `DeploymentVariable` …): the service and the SDK declare each once (issue 15, item 2).
@_exported public import TaskSequenceModel

// The shared contract types (Rights, ExportFormat, ClassName …) are part of the SDK's public
// API: `import TaskSequenceSDK` is all a client writes to use them.
@_exported import ProviderContract

// The shared contract types (ClassName, Rights, ExportFormat …) are part of ProviderCore's
// API: whoever imports the core sees the same declarations the SDK uses.
@_exported import ProviderContract

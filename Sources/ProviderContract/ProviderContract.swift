// ProviderContract: the names and value types that the service (ProviderCore, ProviderDBus)
// and its clients (TaskSequenceSDK, tsctl, tsstress) share, declared once so the two sides
// cannot drift apart (issue 15, item 2: `Rights` had already drifted).
//
// What lives here and what lives in TaskSequenceModel:
// - Here: what only exists because a provider serves it — SMS class names, permission bits,
//   export formats, the D-Bus error names of the provider's failures. None of these describe a
//   task sequence; they describe the provider's interface.
// - TaskSequenceModel: what describes a task sequence itself (steps, conditions, variables,
//   package properties and their names). Those stay there and both sides import the model.
//
// Depends only on TaskSequenceModel (the step and condition class names come from its
// catalog), so the arrows of DESIGN.md stay one way: ProviderCore, ProviderDBus,
// TaskSequenceSDK and tsctl → ProviderContract → TaskSequenceModel.

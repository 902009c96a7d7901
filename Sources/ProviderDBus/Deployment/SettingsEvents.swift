import ProviderCore

extension ChangeRecord {
    /// The events a change brings about beside itself: a deleted collection or computer takes
    /// its settings object (SMS_CollectionSettings, SMS_MachineSettings) with it, so whoever could
    /// read the one hears that the other went too.
    var withSettingsGone: [ChangeRecord] {
        guard kind == .deleted else { return [self] }
        let settings: (String, ObjectReference)
        switch object {
        case .collection(let id): settings = (ClassName.collectionSettings, .collectionSettings(collectionID: id))
        case .computer(let id): settings = (ClassName.machineSettings, .machineSettings(resourceID: id))
        default: return [self]
        }
        var gone = ChangeRecord(kind: .deleted, className: settings.0, object: settings.1, formerReaders: formerReaders)
        gone.changedBy = changedBy
        return [self, gone]
    }
}

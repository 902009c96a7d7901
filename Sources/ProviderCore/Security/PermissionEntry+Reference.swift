extension PermissionEntry {
    /// The served object of the entry.
    public var reference: ObjectReference {
        if let instanceKey {
            return .instancePermission(principal: userName, objectKey: objectKey, instanceKey: instanceKey)
        }
        return .classPermission(principal: userName, objectKey: objectKey)
    }

    /// The entry `reference` names, holding `rights`; `nil` for other objects.
    public init?(_ reference: ObjectReference, rights: Rights = []) {
        switch reference {
        case .classPermission(let principal, let objectKey):
            self.init(userName: principal, objectKey: objectKey, rights: rights)
        case .instancePermission(let principal, let objectKey, let instanceKey):
            self.init(userName: principal, objectKey: objectKey, instanceKey: instanceKey, rights: rights)
        default:
            return nil
        }
    }
}

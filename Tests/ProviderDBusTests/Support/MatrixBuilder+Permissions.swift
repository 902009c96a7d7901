/// The cells on the SMS_Package S1 and on each permission entry of the fixture.
extension MatrixBuilder {
    mutating func addSMSPackageCells(_ sms: FixtureSMSPackage) {
        let rights = model.rights(of: user, on: ObjectKey.smsPackage, instance: sms.id)
        let readable = rights.contains(.read)
        let missing = SecurityWorld.missingPackageID
        add("S1", "Introspect", readable: readable, allowed: true, real: sms.id, missing: missing) { .introspect($0, sms.path) }
        add("S1", "GetAll", readable: readable, allowed: true, real: sms.id, missing: missing, check: { result in
            result?["Name"]?.string == sms.name ? nil : "GetAll gave \(String(describing: result))"
        }) { .getAll($0, sms.path, Provider.smsPackageInterface) }
        add("S1", "Get Name", readable: readable, allowed: true, real: sms.id, missing: missing, check: ResultChecks.equals(sms.name)) {
            .get($0, sms.path, Provider.smsPackageInterface, "Name")
        }
        if !rights.contains(.delete) {
            add("S1", "Delete", readable: readable, allowed: false, right: ["Delete"], real: sms.id, missing: missing) {
                .method($0, sms.path, Provider.smsPackageInterface, "Delete")
            }
        }
        add("S1", "GetObject", readable: readable, allowed: true, hiddenError: Provider.notFoundError, real: sms.id, missing: missing,
            check: ResultChecks.equals(sms.path)) { .root($0, "GetObject", "s", [.string(sms.relativePath)]) }
        let held = model.heldRights(of: user, objectKey: ObjectKey.smsPackage, instance: sms.id)
        add("S1", "UserHasPermissions Read", .success(ResultChecks.permissions(
            granted: held.contains(.read), held: held, asked: .read, superuser: model.isSuperuser(user)))) {
            .root($0, "UserHasPermissions", "su", [.string(sms.relativePath), .uint32(SMSRights.read.rawValue)])
        }
    }

    /// Each fixture entry: visible to superusers, Administer holders on its class, its own
    /// principal, and Delegate holders on its instance; changed or deleted by Administer
    /// holders only (what Delegate allows is the mutation tests' business, not a no-op here).
    mutating func addPermissionEntryCells(_ entry: StoredPermission) {
        let grant = entry.grant
        let visible = model.canSee(user, grant)
        let administers = model.canAdminister(user, objectKey: grant.objectKey)
        let delegates = grant.instanceKey.map { model.rights(of: user, on: grant.objectKey, instance: $0).contains(.delegate) } ?? false
        let interface = grant.isClassGrant ? Provider.classPermissionsInterface : Provider.instancePermissionsInterface
        let rightsProperty = grant.isClassGrant ? "ClassPermissions" : "InstancePermissions"
        let classPath = grant.isClassGrant ? Provider.classPermissionsPath : Provider.instancePermissionsPath
        let missing = classPath + "/zz0missing0"
        let target = "\(grant.principal)'s \(grant.isClassGrant ? "class" : "instance") entry on \(grant.objectKey)"
            + (grant.instanceKey.map { "/" + (world.label(of: $0) ?? "?") } ?? "")
        add(target, "Introspect", readable: visible, allowed: true, real: entry.path, missing: missing) { .introspect($0, entry.path) }
        add(target, "GetAll", readable: visible, allowed: true, real: entry.path, missing: missing, check: { result in
            let matches = result?["UserName"]?.string == grant.principal && result?["ObjectKey"]?.uint32 == grant.objectKey
                && result?[rightsProperty]?.uint32 == grant.rights.rawValue
                && (grant.instanceKey == nil || result?["InstanceKey"]?.string == grant.instanceKey)
            return matches ? nil : "GetAll gave \(String(describing: result)) for \(grant)"
        }) { .getAll($0, entry.path, interface) }
        add(target, "Get UserName", readable: visible, allowed: true, real: entry.path, missing: missing,
            check: ResultChecks.equals(grant.principal)) { .get($0, entry.path, interface, "UserName") }
        guard administers || !delegates else { return }
        add(target, "Set \(rightsProperty) (unchanged)", readable: visible, allowed: administers, right: ["Administer", "Delegate"],
            real: entry.path, missing: missing) { .set($0, entry.path, interface, rightsProperty, .uint32(grant.rights.rawValue)) }
        if !administers {
            add(target, "Delete", readable: visible, allowed: false, right: ["Administer", "Delegate"], real: entry.path, missing: missing) {
                .method($0, entry.path, interface, "Delete")
            }
        }
    }
}

extension SecurityWorld {
    /// `P1`, `S1` … for a fixture PackageID, for cell names that must not carry IDs.
    func label(of id: String) -> String? {
        if let package = packages.first(where: { $0.id == id }) { return package.label }
        return id == s1.id ? "S1" : nil
    }
}

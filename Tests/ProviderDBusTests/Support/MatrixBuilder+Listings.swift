/// The cells that list or create objects: class objects' Enumerate and Introspect, ExecQuery,
/// GetManagedObjects, the root's Introspect, creation by users without Create, Subscribe.
/// Listings must hold exactly the objects the caller may read.
extension MatrixBuilder {
    /// What the caller may read or see, from the model.
    struct Visible {
        var packageIDs: Set<String>
        var smsPackageIDs: Set<String>
        var entries: [StoredPermission]
    }

    var visible: Visible {
        Visible(
            packageIDs: Set(world.packages.map(\.id).filter { model.canRead(user, ObjectKey.taskSequencePackage, $0) }),
            smsPackageIDs: model.canRead(user, ObjectKey.smsPackage, world.s1.id) ? [world.s1.id] : [],
            entries: world.entries.filter { model.canSee(user, $0.grant) })
    }

    mutating func addListingCells() {
        let visible = self.visible
        let classEntries = visible.entries.filter(\.grant.isClassGrant)
        let instanceEntries = visible.entries.filter { !$0.grant.isClassGrant }
        func lastComponents(_ paths: [String]) -> Set<String> { Set(paths.compactMap { $0.split(separator: "/").last.map(String.init) }) }

        add("class SMS_TaskSequencePackage", "Enumerate", .success(ResultChecks.set(Set(visible.packageIDs.map(Provider.packagePath))))) {
            .method($0, Provider.packageClassPath, Provider.classInterface, "Enumerate")
        }
        add("class SMS_Package", "Enumerate", .success(ResultChecks.set(Set(visible.smsPackageIDs.map(Provider.smsPackagePath))))) {
            .method($0, Provider.smsPackageClassPath, Provider.classInterface, "Enumerate")
        }
        add("class SMS_UserClassPermissions", "Enumerate", .success(ResultChecks.set(Set(classEntries.map(\.path))))) {
            .method($0, Provider.classPermissionsPath, Provider.classInterface, "Enumerate")
        }
        add("class SMS_UserInstancePermissions", "Enumerate", .success(ResultChecks.set(Set(instanceEntries.map(\.path))))) {
            .method($0, Provider.instancePermissionsPath, Provider.classInterface, "Enumerate")
        }
        add("class SMS_TaskSequencePackage", "Introspect", .success(ResultChecks.children(visible.packageIDs))) {
            .introspect($0, Provider.packageClassPath)
        }
        add("class SMS_Package", "Introspect", .success(ResultChecks.children(visible.smsPackageIDs))) {
            .introspect($0, Provider.smsPackageClassPath)
        }
        add("class SMS_UserClassPermissions", "Introspect", .success(ResultChecks.children(lastComponents(classEntries.map(\.path))))) {
            .introspect($0, Provider.classPermissionsPath)
        }
        add("class SMS_UserInstancePermissions", "Introspect", .success(ResultChecks.children(lastComponents(instanceEntries.map(\.path))))) {
            .introspect($0, Provider.instancePermissionsPath)
        }
        add("class SMS_TaskSequencePackage", "Get Name", .success(ResultChecks.equals("SMS_TaskSequencePackage"))) {
            .get($0, Provider.packageClassPath, Provider.classInterface, "Name")
        }
        add("root", "Introspect", .success(ResultChecks.childrenInclude([
            "SMS_TaskSequencePackage", "SMS_Package", Provider.classPermissionsClass, Provider.instancePermissionsClass,
        ]))) { .introspect($0, Provider.rootPath) }
        addQueryCells(visible)
        add("root", "GetManagedObjects", .success(managedObjectsCheck(visible))) {
            .method($0, Provider.rootPath, Provider.objectManagerInterface, "GetManagedObjects")
        }
        add("root", "Subscribe", .success(nil)) { .root($0, "Subscribe", "", []) }
        add("root", "Unsubscribe", .success(nil)) { .root($0, "Unsubscribe", "", []) }
        add("root", "EnumerateClasses", .success(nil)) { .root($0, "EnumerateClasses", "", []) }
        add("root", "GetClass", .success(nil)) { .root($0, "GetClass", "s", [.string("SMS_TaskSequencePackage")]) }
        addClassRightCells()
    }

    private mutating func addQueryCells(_ visible: Visible) {
        let packageIDs = visible.packageIDs
        add("query SMS_TaskSequencePackage", "ExecQuery", .success({ result in
            ResultChecks.set(packageIDs)(.array(Self.column("PackageID", of: result).map(JSONValue.string)))
        })) { .root($0, "ExecQuery", "s", [.string("SELECT * FROM SMS_TaskSequencePackage")]) }
        add("query SMS_TaskSequence_Step", "ExecQuery", .success({ result in
            ResultChecks.set(packageIDs)(.array(Set(Self.column("PackageID", of: result)).map(JSONValue.string)))
        })) { .root($0, "ExecQuery", "s", [.string("SELECT Name, PackageID FROM SMS_TaskSequence_Step")]) }
        add("query SMS_TaskSequence_Action", "ExecQuery", .success({ result in
            ResultChecks.set(packageIDs)(.array(Set(Self.column("PackageID", of: result)).map(JSONValue.string)))
        })) { .root($0, "ExecQuery", "s", [.string("SELECT Name, PackageID FROM SMS_TaskSequence_Action")]) }
        let p3ID = world.p3.id
        let p3Entries = Set(visible.entries.filter { $0.grant.instanceKey == p3ID }.map(\.path))
        add("query SMS_UserInstancePermissions on P3", "ExecQuery", .success({ result in
            ResultChecks.set(p3Entries)(.array(Self.column("__PATH", of: result).map(JSONValue.string)))
        })) { .root($0, "ExecQuery", "s", [.string("SELECT * FROM SMS_UserInstancePermissions WHERE InstanceKey = '\(p3ID)'")]) }
        let smsIDs = visible.smsPackageIDs
        add("query SMS_Package", "ExecQuery", .success({ result in
            ResultChecks.set(smsIDs)(.array(Self.column("PackageID", of: result).map(JSONValue.string)))
        })) { .root($0, "ExecQuery", "s", [.string("SELECT * FROM SMS_Package")]) }
        for isClass in [true, false] {
            let className = isClass ? Provider.classPermissionsClass : Provider.instancePermissionsClass
            let expected = Set(visible.entries.filter { $0.grant.isClassGrant == isClass }.map(\.path))
            add("query \(className)", "ExecQuery", .success({ result in
                ResultChecks.set(expected)(.array(Self.column("__PATH", of: result).map(JSONValue.string)))
            })) { .root($0, "ExecQuery", "s", [.string("SELECT * FROM \(className)")]) }
        }
    }

    /// The string values of `name` in query rows.
    static func column(_ name: String, of result: JSONValue?) -> [String] {
        (result?.array ?? []).compactMap { $0[name]?.string }
    }

    /// Every object GetManagedObjects lists is one the caller may read or see, and it lists
    /// every readable package.
    private func managedObjectsCheck(_ visible: Visible) -> ResultCheck {
        let world = self.world, user = self.user
        return { result in
            guard let objects = result?.object else { return "GetManagedObjects gave \(String(describing: result))" }
            let hidden = objects.keys.filter { !world.mayKnow($0, user) }
            if !hidden.isEmpty { return "GetManagedObjects lists objects the caller may not read: \(hidden.sorted())" }
            let packages = Set(objects.keys.filter { $0.hasPrefix(Provider.packageClassPath + "/") && $0.split(separator: "/").count == 5 })
            let expected = Set(visible.packageIDs.map(Provider.packagePath))
            return packages == expected ? nil : "GetManagedObjects lists packages \(packages.sorted()), expected \(expected.sorted())"
        }
    }

    /// Creating packages and granting rights without the class right is refused, naming it.
    private mutating func addClassRightCells() {
        let tsClass = model.classRights(of: user, on: ObjectKey.taskSequencePackage)
        let smsClass = model.classRights(of: user, on: ObjectKey.smsPackage)
        if !tsClass.contains(.create) {
            add("class SMS_TaskSequencePackage", "CreateInstance", .accessDenied(naming: ["Create"])) {
                PlannedCall(id: $0, path: Provider.packageClassPath, interface: Provider.classInterface, member: "CreateInstance",
                            signature: "a{sv}", args: [.dictionary(["Name": .string("not allowed")])])
            }
            add("class SMS_TaskSequencePackage", "Import", .accessDenied(naming: ["Create"])) {
                PlannedCall(id: $0, path: Provider.packageClassPath, interface: Provider.packageClassInterface, member: "Import",
                            signature: "sa{sv}", args: [.string(SmallSequence.restart), .dictionary([:])])
            }
            add("root", "CreateInstance SMS_TaskSequencePackage", .accessDenied(naming: ["Create"])) {
                .root($0, "CreateInstance", "sa{sv}", [.string("SMS_TaskSequencePackage"), .dictionary(["Name": .string("not allowed")])])
            }
        }
        if !smsClass.contains(.create) {
            add("class SMS_Package", "CreateInstance", .accessDenied(naming: ["Create"])) {
                PlannedCall(id: $0, path: Provider.smsPackageClassPath, interface: Provider.classInterface, member: "CreateInstance",
                            signature: "a{sv}", args: [.dictionary(["Name": .string("not allowed")])])
            }
        }
        if !tsClass.contains(.administer) {
            add("class SMS_UserClassPermissions", "CreateInstance", .accessDenied(naming: ["Administer"])) {
                PlannedCall(id: $0, path: Provider.classPermissionsPath, interface: Provider.classInterface, member: "CreateInstance",
                            signature: "a{sv}", args: [.dictionary([
                                "UserName": .string(TestPrincipals.grantee.name), "ObjectKey": .uint32(ObjectKey.taskSequencePackage),
                                "ClassPermissions": .uint32(SMSRights.read.rawValue),
                            ])])
            }
        }
        for (className, key) in [("SMS_TaskSequencePackage", ObjectKey.taskSequencePackage), ("SMS_Package", ObjectKey.smsPackage)] {
            let held = model.classRights(of: user, on: key)
            for asked in [SMSRights.read, .create] {
                add("class \(className)", "UserHasPermissions \(asked)", .success(ResultChecks.permissions(
                    granted: held.isSuperset(of: asked), held: held, asked: asked, superuser: model.isSuperuser(user)))) {
                    .root($0, "UserHasPermissions", "su", [.string(className), .uint32(asked.rawValue)])
                }
            }
        }
        add("missing SMS_Package", "UserHasPermissions Read", .success(ResultChecks.permissions(
            granted: false, held: [], asked: .read, superuser: false))) {
            .root($0, "UserHasPermissions", "su", [.string(Provider.smsPackageRelativePath(SecurityWorld.missingPackageID)), .uint32(1)])
        }
        add("missing package", "UserHasPermissions Read", .success(ResultChecks.permissions(
            granted: false, held: [], asked: .read, superuser: false))) {
            .root($0, "UserHasPermissions", "su", [.string(Provider.packageRelativePath(SecurityWorld.missingPackageID)), .uint32(1)])
        }
    }
}

extension SecurityWorld {
    /// Whether `user` may know of the object at `path`: the root and class objects; objects in
    /// readable packages; readable SMS_Packages; visible permission entries. `model` and
    /// `entries` default to the fixture's.
    func mayKnow(_ path: String, _ user: TestPrincipal, model: AccessModel? = nil, entries: [StoredPermission]? = nil) -> Bool {
        let model = model ?? self.model
        if model.isSuperuser(user) { return true }
        guard path == Provider.rootPath || path.hasPrefix(Provider.rootPath + "/") else { return false }
        let below = path.dropFirst(Provider.rootPath.count).split(separator: "/").map(String.init)
        guard below.count >= 2 else { return true }
        switch below[0] {
        case "SMS_TaskSequencePackage": return model.canRead(user, ObjectKey.taskSequencePackage, below[1])
        case "SMS_Package": return model.canRead(user, ObjectKey.smsPackage, below[1])
        case Provider.classPermissionsClass, Provider.instancePermissionsClass:
            return (entries ?? self.entries).first { $0.path == path }.map { model.canSee(user, $0.grant) } ?? false
        default: return false
        }
    }
}

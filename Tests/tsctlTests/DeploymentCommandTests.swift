import Foundation
import Testing
import TestSupport

/// `tsctl var`, `tsctl deploy` and `tsctl deployment` against a real daemon, with real Unix
/// users, busctl and python3-dbus beside it — and a masked value planted to prove it never
/// comes back out, anywhere.
@Suite struct DeploymentCommandTests {
    static let deployer = "tsp-deployer"
    static let outsider = "tsp-outsider"
    /// Planted as masked values; no output may ever hold them.
    static let plantedCollectionSecret = "Planted-Coll-7f3a9"
    static let plantedComputerSecret = "Planted-Comp-51c2e"

    static let busctl = URL(fileURLWithPath: "/usr/bin/busctl")
    static let python = URL(fileURLWithPath: "/usr/bin/python3")
    static let service = "org.tsprovider.Provider1"
    static let rootPath = "/org/tsprovider/Provider1"

    /// Runs busctl on the daemon's bus, as root or as `user`.
    static func busctl(_ cli: TSCtlDaemon, _ arguments: [String], asUser user: String? = nil) throws -> CommandResult {
        let full = ["--address=\(cli.daemon.address)"] + arguments
        if let user { return try CommandRunner.run(busctl, full, asUser: user) }
        return try CommandRunner.run(busctl, full)
    }

    /// A computer imported over the bus (SMS_Site.ImportMachineEntry's equivalent); its ResourceID.
    static func importComputer(_ cli: TSCtlDaemon, _ name: String, mac: String) throws -> String {
        let run = try busctl(cli, ["--json=short", "call", service, "\(rootPath)/SMS_R_System", "\(service).ComputerClass", "Import", "a{sv}", "2",
                                   "Name", "s", name, "MACAddress", "s", mac])
        #expect(run.status == 0, "import \(name): \(run.errorOutput)")
        let reply = try JSONSerialization.jsonObject(with: run.standardOutput) as? [String: Any]
        return ((reply?["data"] as? [Any])?.first as? Int).map(String.init) ?? ""
    }

    /// A collection created over the bus with `members` as direct rules; its CollectionID.
    static func collection(_ cli: TSCtlDaemon, _ name: String, members: [String]) throws -> String {
        let run = try busctl(cli, ["--json=short", "call", service, "\(rootPath)/SMS_Collection", "\(service).CollectionClass", "Create", "sss", name, "", ""])
        #expect(run.status == 0, "create \(name): \(run.errorOutput)")
        let reply = try JSONSerialization.jsonObject(with: run.standardOutput) as? [String: Any]
        let id = (reply?["data"] as? [Any])?.first as? String ?? ""
        let add = try busctl(cli, ["call", service, "\(rootPath)/SMS_Collection/\(id)", "\(service).SMS_Collection", "AddDirectRules", "as", String(members.count)] + members)
        #expect(add.status == 0, "add to \(name): \(add.errorOutput)")
        return id
    }

    /// Grants `rights` to `user` on an instance (`key`) or a class, over the bus.
    static func grant(_ cli: TSCtlDaemon, _ user: String, _ rights: UInt32, objectKey: UInt32, instance key: String? = nil) throws {
        let arguments: [String] = if let key {
            ["call", service, "\(rootPath)/SMS_UserInstancePermissions", "\(service).Class", "CreateInstance", "a{sv}", "4",
             "UserName", "s", user, "ObjectKey", "u", String(objectKey), "InstanceKey", "s", key, "InstancePermissions", "u", String(rights)]
        } else {
            ["call", service, "\(rootPath)/SMS_UserClassPermissions", "\(service).Class", "CreateInstance", "a{sv}", "3",
             "UserName", "s", user, "ObjectKey", "u", String(objectKey), "ClassPermissions", "u", String(rights)]
        }
        let run = try busctl(cli, arguments)
        #expect(run.status == 0, "grant \(rights) to \(user): \(run.errorOutput)")
    }

    /// Variables as `Name=Value` (`Name=Value (masked)`), from `tsctl --json` output.
    static func variables(_ json: Any) -> [String] {
        (json as? [[String: Any]] ?? [json as? [String: Any] ?? [:]]).map { variable in
            "\(variable["Name"] as? String ?? "?")=\(variable["Value"] as? String ?? "?")" + (variable["IsMasked"] as? Bool == true ? " (masked)" : "")
        }
    }

    @Test func variablesDeploymentsAndTheirRightsEndToEnd() throws {
        try SystemPrincipals.user(Self.deployer)
        try SystemPrincipals.user(Self.outsider)
        try withDaemon { cli in
            var outputs: [(String, String)] = []
            func record(_ label: String, _ text: String) { outputs.append((label, text)) }

            // A real sequence from the corpus ("ID  NAME  FILE").
            let package = String(try cli.succeed("import", CLIFixtures.echo).split(separator: " ").first ?? "")
            let pc = try Self.importComputer(cli, "PC-01", mac: "00:15:5D:00:00:01")
            let lab = try Self.collection(cli, "Lab", members: ["PC-01"])

            // Variables, one name on both, masked ones planted.
            try cli.succeed("var", "set", "--collection", lab, "OSDDomain=lab.example")
            let setMasked = try cli.succeed("var", "set", "--collection", lab, "JoinPassword=\(Self.plantedCollectionSecret)", "--masked")
            #expect(setMasked == "JoinPassword set on collection \(lab) (masked: the value is not shown again)")
            record("var set", setMasked)
            try cli.succeed("var", "set", "--computer", "PC-01", "OSDDomain=pc.example")
            let setJSON = try cli.tsctl(["var", "set", "--computer", "pc-01", "AdminPassword=\(Self.plantedComputerSecret)", "--masked", "--json"])
            #expect(setJSON.status == 0, "\(setJSON.errorOutput)")
            record("var set --json", setJSON.output)
            #expect(Self.variables(try JSONSerialization.jsonObject(with: setJSON.standardOutput)) == ["AdminPassword= (masked)"])

            let list = try cli.succeed("var", "list", "--collection", lab)
            record("var list", list)
            #expect(list.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
                == ["NAME VALUE MASKED", "OSDDomain lab.example no", "JoinPassword (masked) yes"])
            let listed = try cli.tsctl(["var", "list", "--computer", "PC-01", "--json"])
            record("var list --json", listed.output)
            #expect(Self.variables(try JSONSerialization.jsonObject(with: listed.standardOutput)) == ["OSDDomain=pc.example", "AdminPassword= (masked)"])

            // Sending the masked one back blank keeps it (still listed, still masked).
            try cli.succeed("var", "set", "--collection", lab, "JoinPassword=", "--masked")
            #expect(Self.variables(try cli.json("var", "list", "--collection", lab)) == ["OSDDomain=lab.example", "JoinPassword= (masked)"])
            try cli.fail(["var", "set", "--collection", lab, "_SMSTSBad=1"], mentions: ["'_SMSTSBad' starts with an underscore"])
            try cli.fail(["var", "remove", "--collection", lab, "Missing"], mentions: ["has no variable Missing"])
            try cli.fail(["var", "list", "--collection", lab, "--computer", "PC-01"], status: 2)

            // Deploy: the AdvertisementID printed, its properties back.
            let advertisement = try cli.succeed("deploy", package, lab, "--required", "--show-progress", "--pxe", "--name", "Win11 to Lab",
                                                "--start", "2026-12-24T18:00:00Z", "--include-subcollections")
            #expect(advertisement.count == 8 && advertisement.hasPrefix("PS1"), "\(advertisement)")
            let shown = try cli.json("deployment", "show", advertisement) as? [String: Any] ?? [:]
            func text(_ key: String) -> String? { shown[key] as? String }
            #expect(text("AdvertisementName") == "Win11 to Lab" && text("PackageID") == package && text("CollectionID") == lab)
            #expect(text("OfferType") == "required" && text("ProgramName") == "*" && shown["IncludeSubCollection"] as? Bool == true)
            #expect(shown["AdvertFlags"] as? Int == 0x840000 && text("AdvertFlagNames") == "ENABLE_TS_FROM_CD_AND_PXE|SHOW_PROGRESS")
            #expect(text("PresentTime") == "20261224180000.000000+000" && shown["PresentTimeEnabled"] as? Bool == true)
            let table = try cli.succeed("deployment", "list", "--package", package)
            #expect(table.contains(advertisement) && table.contains("ENABLE_TS_FROM_CD_AND_PXE|SHOW_PROGRESS"))
            #expect((try cli.json("deployment", "list", "--collection", "PS1FFFFF") as? [Any])?.isEmpty == true)

            // The fixed properties: read-only over the bus, named in the error.
            let setName = try Self.busctl(cli, ["set-property", Self.service, "\(Self.rootPath)/SMS_Advertisement/\(advertisement)",
                                                "\(Self.service).SMS_Advertisement", "CollectionID", "s", "PS100999"])
            #expect(setName.status != 0 && setName.errorOutput.contains("CollectionID"), "\(setName.errorOutput)")
            // A deployed package cannot be deleted.
            try cli.fail(["package", "delete", package], mentions: ["\(package) is deployed by \(advertisement); delete those advertisements first"])

            // A user with Create on advertisements and Read on package and collection, but no Advertise.
            try Self.grant(cli, Self.deployer, 1024, objectKey: 3)
            try Self.grant(cli, Self.deployer, 1, objectKey: 20, instance: package)
            try Self.grant(cli, Self.deployer, 1, objectKey: 1, instance: lab)
            let refused = try cli.fail(asUser: Self.deployer, ["deploy", package, lab])
            #expect(refused == "tsctl: deploy \(package) to \(lab): access denied: Advertise right needed on SMS_Collection.CollectionID=\"\(lab)\"")
            // The advertisement root made is not the deployer's to read.
            #expect(try cli.fail(asUser: Self.deployer, ["deployment", "show", advertisement])
                == "tsctl: deployment \(advertisement): not found (no such object, or you may not read it)")
            #expect((try cli.json(asUser: Self.deployer, "deployment", "list") as? [Any])?.isEmpty == true)
            #expect(try cli.succeed("perm", "grant", Self.deployer, "Advertise", "SMS_Collection:\(lab)").contains("Read|Advertise"))
            let own = try cli.succeed(asUser: Self.deployer, "deploy", package, lab, "--available")
            #expect(((try cli.json(asUser: Self.deployer, "deployment", "list") as? [[String: Any]]) ?? []).map { $0["AdvertisementID"] as? String } == [own])

            // Someone without Read on the collection: it, its settings and the computer do not exist for them.
            #expect(try cli.fail(asUser: Self.outsider, ["var", "list", "--collection", lab])
                == "tsctl: collection \(lab): not found (no such object, or you may not read it)")
            try cli.fail(asUser: Self.outsider, ["var", "list", "--computer", "PC-01"], mentions: ["SMS_R_System.Name=\"PC-01\" does not exist"])
            try Self.grant(cli, Self.outsider, 1024, objectKey: 3)
            try Self.grant(cli, Self.outsider, 1, objectKey: 20, instance: package)
            #expect(try cli.fail(asUser: Self.outsider, ["deploy", package, lab])
                == "tsctl: deploy \(package) to \(lab): SMS_Collection.CollectionID=\"\(lab)\" does not exist")

            // Every other way out: busctl Get/GetAll/introspect, ExecQuery, python3-dbus GetManagedObjects.
            let settings = "\(Self.rootPath)/SMS_CollectionSettings/\(lab)"
            for arguments in [
                ["--json=short", "get-property", Self.service, settings, "\(Self.service).SMS_CollectionSettings", "CollectionVariables"],
                ["--json=short", "call", Self.service, settings, "org.freedesktop.DBus.Properties", "GetAll", "s", "\(Self.service).SMS_CollectionSettings"],
                ["--json=short", "get-property", Self.service, "\(Self.rootPath)/SMS_MachineSettings/\(pc)", "\(Self.service).SMS_MachineSettings", "MachineVariables"],
                ["--json=short", "call", Self.service, Self.rootPath, Self.service, "ExecQuery", "s", "SELECT * FROM SMS_Advertisement"],
                ["introspect", Self.service, settings],
                ["--list", "tree", Self.service],
            ] {
                let run = try Self.busctl(cli, arguments)
                #expect(run.status == 0, "busctl \(arguments): \(run.errorOutput)")
                record("busctl \(arguments.joined(separator: " "))", run.output + run.errorOutput)
            }
            let variables = try Self.busctl(cli, ["--json=short", "get-property", Self.service, settings, "\(Self.service).SMS_CollectionSettings", "CollectionVariables"])
            #expect(variables.output.contains(#"["OSDDomain","lab.example",false]"#) && variables.output.contains(#"["JoinPassword","",true]"#), "\(variables.output)")
            let tree = try Self.busctl(cli, ["--list", "tree", Self.service]).output
            #expect(tree.contains("\(Self.rootPath)/SMS_Advertisement/\(advertisement)") && tree.contains(settings) && tree.contains("\(Self.rootPath)/SMS_MachineSettings/\(pc)"))
            let managed = try CommandRunner.run(Self.python, ["-c", """
                import dbus, sys
                bus = dbus.bus.BusConnection(sys.argv[1])
                objects = {}
                for path in ["/org/tsprovider/Provider1", "/org/tsprovider/Provider1/SMS_CollectionSettings", "/org/tsprovider/Provider1/SMS_MachineSettings"]:
                    try:
                        manager = dbus.Interface(bus.get_object("org.tsprovider.Provider1", path), "org.freedesktop.DBus.ObjectManager")
                        objects.update(manager.GetManagedObjects())
                    except dbus.exceptions.DBusException as error:
                        print("no manager at", path, error.get_dbus_name())
                for path, interfaces in sorted(objects.items()):
                    for name, properties in interfaces.items():
                        for key, value in properties.items():
                            print(path, name, key, repr(value))
                """, cli.daemon.address])
            #expect(managed.status == 0, "\(managed.errorOutput)")
            #expect(managed.output.contains("CollectionVariables"), "GetManagedObjects lists the settings: \(managed.output.prefix(2_000))")
            record("python3-dbus GetManagedObjects", managed.output + managed.errorOutput)

            // Signals: a subscriber sees the change of the variables, never the masked value.
            let signals = try CommandRunner.run(Self.python, ["-c", """
                import dbus, sys
                from dbus.mainloop.glib import DBusGMainLoop
                from gi.repository import GLib
                DBusGMainLoop(set_as_default=True)
                bus = dbus.bus.BusConnection(sys.argv[1])
                seen = []
                loop = GLib.MainLoop()
                def record(*args, **keywords):
                    seen.append((keywords.get("member"), keywords.get("path"), [repr(a) for a in args]))
                    if keywords.get("member") == "InstanceModified":
                        GLib.timeout_add(300, loop.quit)
                bus.add_signal_receiver(record, sender_keyword="sender", member_keyword="member", path_keyword="path")
                root = bus.get_object("org.tsprovider.Provider1", "/org/tsprovider/Provider1")
                root.Subscribe(dbus_interface="org.tsprovider.Provider1")
                bus.get_object("org.tsprovider.Provider1", "/org/tsprovider/Provider1/SMS_CollectionSettings/" + sys.argv[2]).SetVariable(
                    "SignalSecret", sys.argv[3], True, dbus_interface="org.tsprovider.Provider1.SMS_CollectionSettings")
                GLib.timeout_add(10000, loop.quit)
                loop.run()
                for member, path, args in seen:
                    print(member, path, *args)
                """, cli.daemon.address, lab, Self.plantedCollectionSecret])
            #expect(signals.status == 0, "\(signals.errorOutput)")
            #expect(signals.output.contains("InstanceModified") && signals.output.contains("SMS_CollectionSettings.CollectionID"), "\(signals.output)")
            #expect(signals.output.contains("PropertiesChanged") && signals.output.contains("SignalSecret"), "\(signals.output)")
            record("python3-dbus signals", signals.output + signals.errorOutput)

            let third = try cli.json("deploy", package, lab, "--available", "--media", "--expires", "20270101000000.000000+000") as? [String: String]
            let thirdID = third?["AdvertisementID"] ?? ""
            #expect(thirdID.hasPrefix("PS1") && thirdID != advertisement && thirdID != own)
            let deleted = try cli.json("deployment", "delete", advertisement, own, thirdID) as? [String: [String]]
            #expect(deleted == ["Deleted": [advertisement, own, thirdID]])
            try cli.fail(["deploy", package, lab, "--expires", "tomorrow"], status: 2, mentions: ["--expires 'tomorrow' is not a time"])
            #expect(try cli.succeed("var", "remove", "--collection", lab, "joinpassword") == "joinpassword removed from collection \(lab)")
            record("daemon log", cli.daemon.log)

            for (label, text) in outputs {
                #expect(!text.contains(Self.plantedCollectionSecret) && !text.contains(Self.plantedComputerSecret), "a masked value leaked in \(label)")
            }
            #expect(outputs.count == 13)
        }
    }
}

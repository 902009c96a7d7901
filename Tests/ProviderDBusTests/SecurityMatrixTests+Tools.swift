import DBusKit
import Foundation
import Testing
import TestSupport

/// A few cells per user through sd-bus (`busctl`) and GDBus (`gdbus`), run as that user: the
/// tree and listings hold exactly what it may read, and a hidden package answers like a
/// missing one.
extension SecurityMatrixTests {
    @Test(arguments: TestPrincipals.matrix)
    func busctlAndGDBusSeeOnlyWhatTheUserMayRead(_ user: TestPrincipal) throws {
        let world = try SecurityWorldTrait.current()
        let address = world.daemon.bus.address
        let model = world.model
        let leaks = LeakScanner(world: world, user: user)
        let readable = world.packages.filter { model.canRead(user, ObjectKey.taskSequencePackage, $0.id) }
        let missingPath = Provider.packagePath(SecurityWorld.missingPackageID)
        var outputs: [(String, ToolRun)] = []

        // busctl tree: every object listed may be known, every readable package is there.
        let tree = try ClientSession.tool(ExternalTools.busctl, ["--address=\(address)", "--list", "tree", Provider.busName], as: user)
        #expect(tree.succeeded, "\(user): busctl tree: \(tree)")
        let paths = Set(tree.outputLines)
        // busctl also lists the root's ancestors (/, /org, /org/tsprovider).
        let unknowable = paths.filter { !world.mayKnow($0, user) && !Provider.rootPath.hasPrefix($0) }
        #expect(unknowable.isEmpty, "\(user): busctl tree lists \(unknowable.sorted())")
        let packagesListed = paths.filter { $0.hasPrefix(Provider.packageClassPath + "/") && $0.split(separator: "/").count == 5 }
        #expect(packagesListed == Set(readable.map(\.path)), "\(user): busctl tree lists packages \(packagesListed.sorted())")
        for package in readable {
            #expect(paths.isSuperset(of: package.steps), "\(user): busctl tree lacks the steps of \(package.label)")
        }
        outputs.append(("busctl tree", tree))

        // busctl introspect / get-property and gdbus introspect on each package, and on a missing one.
        let tools: [(name: String, run: (String) throws -> ToolRun)] = [
            ("busctl introspect", { path in
                try ClientSession.tool(ExternalTools.busctl, ["--address=\(address)", "introspect", Provider.busName, path], as: user)
            }),
            ("busctl get-property", { path in
                try ClientSession.tool(ExternalTools.busctl, [
                    "--address=\(address)", "--json=short", "get-property", Provider.busName, path, Provider.packageInterface, "Name",
                ], as: user)
            }),
            ("gdbus introspect", { path in
                try ClientSession.tool(ExternalTools.gdbus, ["introspect", "--address", address, "--dest", Provider.busName, "--object-path", path], as: user)
            }),
        ]
        for tool in tools {
            let missing = try tool.run(missingPath)
            #expect(!missing.succeeded, "\(user): \(tool.name) on a missing package succeeded: \(missing)")
            for package in world.packages {
                let run = try tool.run(package.path)
                if readable.contains(where: { $0.id == package.id }) {
                    #expect(run.succeeded, "\(user): \(tool.name) \(package.label): \(run)")
                    if tool.name == "busctl get-property" {
                        #expect(run.standardOutput.contains(package.name), "\(user): \(tool.name) \(package.label): \(run)")
                    }
                    outputs.append(("\(tool.name) \(package.label)", run))
                } else {
                    #expect(!run.succeeded, "UNAUTHORIZED SUCCESS: \(user): \(tool.name) \(package.label): \(run)")
                    let replaced = run.standardError.replacingOccurrences(of: package.id, with: SecurityWorld.missingPackageID)
                    #expect(replaced == missing.standardError && run.standardOutput.isEmpty,
                            "\(user): \(tool.name) on hidden \(package.label) answers unlike a missing package:\n\(run)\nmissing:\n\(missing)")
                }
            }
        }

        // UserHasPermissions through busctl: a hidden package is (false, 0) like a missing one.
        for package in world.packages + [nil] {
            let relpath = package?.relativePath ?? Provider.packageRelativePath(SecurityWorld.missingPackageID)
            let run = try ClientSession.tool(ExternalTools.busctl, [
                "--address=\(address)", "--json=short", "call", Provider.busName, Provider.rootPath, Provider.rootInterface,
                "UserHasPermissions", "su", relpath, "1",
            ], as: user)
            let reply = try? BusctlJSON.parse(run.standardOutput)
            let data = reply?.data as? [Any]
            let granted = package.map { model.canRead(user, ObjectKey.taskSequencePackage, $0.id) } ?? false
            #expect(reply?.type == "bu" && (data?.first as? Bool) == granted, "\(user): busctl UserHasPermissions \(package?.label ?? "missing"): \(run)")
            if !granted {
                #expect((data?.last as? Int) == 0, "\(user): busctl UserHasPermissions \(package?.label ?? "missing"): \(run)")
            }
        }

        // gdbus call Enumerate: exactly the readable packages.
        let enumerate = try ClientSession.tool(ExternalTools.gdbus, [
            "call", "--address", address, "--dest", Provider.busName, "--object-path", Provider.packageClassPath,
            "--method", Provider.classInterface + ".Enumerate",
        ], as: user)
        #expect(enumerate.succeeded, "\(user): gdbus Enumerate: \(enumerate)")
        let listed = Set(enumerate.standardOutput.split(separator: "'").filter { $0.hasPrefix("/") }.map(String.init))
        #expect(listed == Set(readable.map(\.path)), "\(user): gdbus Enumerate: \(enumerate)")
        outputs.append(("gdbus Enumerate", enumerate))

        for (source, run) in outputs {
            for leak in leaks.leaks(in: run.standardOutput + run.standardError, source: "\(user)'s \(source)") {
                Issue.record(Comment(rawValue: leak))
            }
        }
    }
}

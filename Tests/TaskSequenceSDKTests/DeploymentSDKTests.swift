import Foundation
import TaskSequenceModel
import TaskSequenceSDK
import Testing
import TestSupport

/// Deployments and task sequence variables through the SDK's typed API, against a real daemon.
/// Computers and collections are made with busctl (their own SDK is another part's).
@Suite struct DeploymentSDKTests {
    static let service = "org.tsprovider.Provider1"
    static let rootPath = "/org/tsprovider/Provider1"

    /// Runs busctl with JSON output on the daemon's bus and returns the reply's values.
    static func busctl(_ daemon: DaemonHarness, _ arguments: [String]) throws -> [Any] {
        let run = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/busctl"), ["--address=\(daemon.address)", "--json=short", "call", service] + arguments)
        #expect(run.status == 0, "busctl \(arguments): \(run.errorOutput)")
        return (try? JSONSerialization.jsonObject(with: run.standardOutput) as? [String: Any])?["data"] as? [Any] ?? []
    }

    /// PC-01 in a collection `Lab`; returns the CollectionID.
    static func lab(_ daemon: DaemonHarness) throws -> String {
        _ = try busctl(daemon, ["\(rootPath)/SMS_R_System", "\(service).ComputerClass", "Import", "a{sv}", "2", "Name", "s", "PC-01", "MACAddress", "s", "00:15:5D:00:00:01"])
        let id = try busctl(daemon, ["\(rootPath)/SMS_Collection", "\(service).CollectionClass", "Create", "sss", "Lab", "", ""]).first as? String ?? ""
        _ = try busctl(daemon, ["\(rootPath)/SMS_Collection/\(id)", "\(service).SMS_Collection", "AddDirectRules", "as", "1", "PC-01"])
        return id
    }

    @Test func deployListShowAndDelete() throws {
        try withProvider { client, daemon in
            let package = try client.importPackage(contentsOf: SDKFixtures.url(SDKFixtures.chassisName)).id
            let lab = try Self.lab(daemon)
            var deployment = NewDeployment(packageID: package, collectionID: lab)
            deployment.name = "Chassis to Lab"
            deployment.offer = .required
            deployment.flags = [.showProgress, .mediaAndPXE]
            deployment.start = Date(timeIntervalSince1970: 1_800_000_000)
            deployment.expires = Date(timeIntervalSince1970: 1_900_000_000)
            let id = try client.deploy(deployment)

            let read = try client.deployment(id)
            #expect(read.advertisementID == id && read.advertisementName == "Chassis to Lab" && read.packageID == package && read.collectionID == lab)
            #expect(read.offerType == .required && read.advertFlags == [.showProgress, .mediaAndPXE] && read.programName == "*")
            #expect(read.presentTime == 1_800_000_000 && read.presentTimeEnabled)
            #expect(read.expirationTime == 1_900_000_000 && read.expirationTimeEnabled && !read.includeSubCollection)
            #expect(try client.deployments(packageID: package) == [read], "a query row reads as the object does")
            #expect(try client.deployments(collectionID: "PS1FFFFF").isEmpty)

            let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(read)) as? [String: Any])
            #expect(json["AdvertFlags"] as? Int == 0x840000 && json["AdvertFlagNames"] as? String == "ENABLE_TS_FROM_CD_AND_PXE|SHOW_PROGRESS")
            #expect(json["PresentTime"] as? String == "20270115080000.000000+000" && json["ExpirationTime"] as? String == "20300317174640.000000+000")
            #expect(json["OfferType"] as? String == "required")
            #expect(try JSONDecoder().decode(Advertisement.self, from: JSONEncoder().encode(read)) == read)

            try client.deleteDeployment(id)
            #expect(try client.deployments().isEmpty)
            #expect(throws: ProviderError.self) { try client.deployment(id) }
        }
    }

    @Test func variablesOfCollectionsAndComputers() throws {
        try withProvider { client, daemon in
            let lab = try Self.lab(daemon)
            try client.setVariable(DeploymentVariable(name: "OSDDomain", value: "lab"), on: .collection(lab))
            try client.setVariable(DeploymentVariable(name: "JoinPassword", value: "s3cret-sdk", isMasked: true), on: .collection(lab))
            try client.setVariable(DeploymentVariable(name: "OSDDomain", value: "pc"), on: .computer("pc-01"))
            #expect(try client.variables(of: .collection(lab)) == [
                DeploymentVariable(name: "OSDDomain", value: "lab"), DeploymentVariable(name: "JoinPassword", value: "", isMasked: true),
            ])
            #expect(try client.variables(of: .computer("PC-01")) == [DeploymentVariable(name: "OSDDomain", value: "pc")])

            #expect(throws: ProviderError.validationFailed(property: "Name", rule: "'1st' must start with a letter A-Z or a-z")) {
                try client.setVariable(DeploymentVariable(name: "1st", value: "x"), on: .collection(lab))
            }
            #expect(throws: ProviderError.notFound("SMS_R_System.Name=\"PC-99\" does not exist")) {
                try client.variables(of: .computer("PC-99"))
            }
            try client.removeVariable(named: "osddomain", from: .collection(lab))
            #expect(try client.variables(of: .collection(lab)).map(\.name) == ["JoinPassword"])
        }
    }
}

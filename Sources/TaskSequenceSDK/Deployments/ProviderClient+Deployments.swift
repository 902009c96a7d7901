import DBusKit
public import TaskSequenceModel

/// Deployments (`SMS_Advertisement`): a task sequence package offered to, or required on, the
/// members of a collection.
extension ProviderClient {
    /// Deploys a task sequence package to a collection and returns the new AdvertisementID.
    ///
    /// Needs Create on SMS_Advertisement, Advertise on the collection and Read on the package;
    /// without Advertise the provider answers `ProviderError.accessDenied(_:)` naming the
    /// collection.
    @discardableResult
    public func deploy(_ deployment: NewDeployment) throws -> String {
        let reply = try call(ProviderPaths.classObject(ClassName.advertisement), ProviderInterface.classObject, "CreateInstance",
                             [.stringVariantDictionary(deployment.properties)])
        guard case .objectPath(let path)? = reply.first?.unwrappingVariant, let id = path.components.last.map(ProviderPaths.label) else {
            throw ProviderError.other(name: "org.freedesktop.DBus.Error.Failed", message: "CreateInstance of SMS_Advertisement answered no object path")
        }
        return id
    }

    /// The deployments you may read, optionally only those of one package or one collection,
    /// in AdvertisementID order (one query).
    public func deployments(packageID: String? = nil, collectionID: String? = nil) throws -> [Advertisement] {
        var conditions: [String] = []
        if let packageID { conditions.append("PackageID = '\(Self.wqlEscaped(packageID))'") }
        if let collectionID { conditions.append("CollectionID = '\(Self.wqlEscaped(collectionID))'") }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return try query("SELECT * FROM SMS_Advertisement\(filter) ORDER BY AdvertisementID").map { row in
            Advertisement { row[$0] }
        }
    }

    /// One deployment. Its JSON is the SMS_Advertisement property names (times as CIM
    /// datetimes, `AdvertFlagNames` beside `AdvertFlags`, `OfferType` `required`/`available`).
    public func deployment(_ advertisementID: String) throws -> Advertisement {
        let properties = try properties(of: ProviderInterface.advertisement, at: ProviderPaths.advertisement(advertisementID))
        return Advertisement { properties[$0].map(PropertyValue.init) }
    }

    /// Deletes a deployment; needs Delete on it, Advertise on its collection and Read on its package.
    public func deleteDeployment(_ advertisementID: String) throws {
        _ = try call(ProviderPaths.advertisement(advertisementID), ProviderInterface.advertisement, "Delete")
    }
}

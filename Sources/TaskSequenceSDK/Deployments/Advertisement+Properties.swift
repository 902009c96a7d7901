internal import TaskSequenceModel

extension Advertisement {
    /// A deployment from its properties by SMS name (a query row or GetAll).
    init(properties: (String) -> PropertyValue?) {
        func text(_ name: String) -> String { properties(name)?.text ?? "" }
        func flag(_ name: String) -> Bool { properties(name)?.boolValue ?? false }
        func time(_ name: String) -> Int64 { CIMDateTime.seconds(from: text(name)) ?? 0 }
        self.init(
            advertisementID: text("AdvertisementID"), advertisementName: text("AdvertisementName"), comment: text("Comment"),
            collectionID: text("CollectionID"), packageID: text("PackageID"), programName: text("ProgramName"),
            advertFlags: AdvertFlags(rawValue: UInt32(truncatingIfNeeded: properties("AdvertFlags")?.intValue ?? 0)),
            // The provider serves only 0 and 2; anything else is not required.
            offerType: properties("OfferType")?.intValue == 0 ? .required : .available,
            presentTime: time("PresentTime"), presentTimeEnabled: flag("PresentTimeEnabled"),
            expirationTime: time("ExpirationTime"), expirationTimeEnabled: flag("ExpirationTimeEnabled"),
            includeSubCollection: flag("IncludeSubCollection"), sourceSite: text("SourceSite"))
    }
}

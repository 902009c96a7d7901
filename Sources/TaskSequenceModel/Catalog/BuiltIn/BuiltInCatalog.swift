extension ActionCatalog {
    /// The catalog of ConfigMgr's own classes: the package and sequence classes (reference
    /// §2.2–2.3, §3.1), the abstract step classes, every built-in action (§3.3–3.4), the
    /// condition classes (§4) and the embedded helper classes.
    ///
    /// Facts come from the SDK class pages the reference cites. Where a class or property has no
    /// SDK page, the definition encodes what real exported task sequences carry and says so in its
    /// `provenance` and `note`.
    public static let builtIn = ActionCatalog(
        classes: packageClasses
            + stepBaseClasses
            + generalActions
            + softwareActions
            + diskActions
            + userStateActions
            + imageActions
            + driverActions
            + settingsActions
            + conditionClasses
            + embeddedClasses
    )
}

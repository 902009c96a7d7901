/// Which installed products a software test accepts.
public enum SoftwareMatch: String, Sendable, Hashable, CaseIterable {
    /// Any version of the product's family (its upgrade code).
    case anyVersion = "AnyVersion"
    /// Exactly this product code.
    case thisVersion = "ThisVersion"
}

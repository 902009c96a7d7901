import ProviderStore

extension ProviderService {
    /// An SMS_Package as ``smsPackage(_:for:)`` answers it, named here so that the bus layer
    /// need not import the store. (An alias of the store's row until the SMS_Package record has
    /// a type of its own in the service.)
    public typealias SMSPackage = SMSPackageRow
}

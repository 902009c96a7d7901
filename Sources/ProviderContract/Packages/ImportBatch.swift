/// One file of a batch import (`ImportBatch`): its text and what to call it in the results.
///
/// ```swift
/// let results = try client.importPackages([ImportBatchFile(label: "a.xml", text: xml)])
/// ```
public struct ImportBatchFile: Sendable, Hashable {
    /// How the results name this file (a path, typically); the provider only echoes it.
    public var label: String
    /// The file's text: any form `Import` takes (a bare sequence, MDT ts.xml, a 2007 or 2012+ export).
    public var text: String
    /// The new package's name; `nil` keeps the name the file carries.
    public var name: String?
    /// Which package of an export holding several to import (its PackageID at the exporting
    /// site); `nil` for files that hold one.
    public var sourcePackageID: String?

    /// A file to import; `name` renames its package.
    public init(label: String, text: String, name: String? = nil, sourcePackageID: String? = nil) {
        self.label = label
        self.text = text
        self.name = name
        self.sourcePackageID = sourcePackageID
    }
}

/// What a batch import did with one file: the package it made, or why it made none.
public struct ImportBatchResult: Sendable, Hashable {
    /// The file's label, as given.
    public var label: String
    /// The new package's PackageID; `nil` when the file failed.
    public var packageID: String?
    /// Why the file was not imported; `nil` when it was.
    public var error: ProviderError?
    /// What the import warned about (rules real exports break, which are kept), one line each.
    public var warnings: [String]

    /// A file that became package `packageID`.
    public static func imported(_ label: String, packageID: String, warnings: [String]) -> ImportBatchResult {
        ImportBatchResult(label: label, packageID: packageID, error: nil, warnings: warnings)
    }

    /// A file that was not imported, and nothing of it stored.
    public static func failed(_ label: String, _ error: ProviderError) -> ImportBatchResult {
        ImportBatchResult(label: label, packageID: nil, error: error, warnings: [])
    }

    /// A result; use ``imported(_:packageID:warnings:)`` or ``failed(_:_:)``.
    public init(label: String, packageID: String?, error: ProviderError?, warnings: [String]) {
        self.label = label
        self.packageID = packageID
        self.error = error
        self.warnings = warnings
    }
}

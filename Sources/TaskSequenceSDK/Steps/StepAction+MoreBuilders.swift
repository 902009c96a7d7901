extension StepAction {
    /// **Enable BitLocker** (`SMS_TaskSequence_EnableBitLockerAction`).
    ///
    /// - Parameters:
    ///   - drive: the drive to encrypt (`C:`); `nil` for the operating system drive.
    ///   - protector: how the drive unlocks (the class's Mode).
    ///   - startupKeyDrive: where the startup key goes, for ``BitLockerProtector/startupKey`` and ``BitLockerProtector/tpmAndStartupKey``.
    ///   - recoveryPasswordInActiveDirectory: escrow the recovery password in Active Directory
    ///     (`CreateRecoveryPassword` AD, the default) or create none.
    ///   - waitForEncryption: wait until the drive is encrypted before the step ends.
    public static func enableBitLocker(
        drive: String? = nil, protector: BitLockerProtector = .tpm, startupKeyDrive: String? = nil,
        recoveryPasswordInActiveDirectory: Bool = true, waitForEncryption: Bool = false
    ) -> StepAction {
        var settings: [String: PropertyValue] = [
            "Mode": .string(protector.rawValue), "CreateRecoveryPassword": .string(recoveryPasswordInActiveDirectory ? "AD" : "None"),
            "WaitForEncryption": .bool(waitForEncryption),
        ]
        if let drive { settings["TargetDrive"] = .string(drive) }
        if let startupKeyDrive { settings["StartupKeyDrive"] = .string(startupKeyDrive) }
        return StepAction(className: "SMS_TaskSequence_EnableBitLockerAction", settings: settings)
    }

    /// **Download Package Content** (`SMS_TaskSequence_DownloadPackageContentAction`).
    ///
    /// - Parameters:
    ///   - packageIDs: the packages to download (at least one).
    ///   - destination: where the content goes.
    ///   - pathVariable: a task sequence variable that receives each package's path.
    ///   - continueOnError: go on with the next package when one fails (the class default).
    public static func downloadPackageContent(
        _ packageIDs: [String], to destination: DownloadDestination = .taskSequenceCache, pathVariable: String? = nil,
        continueOnError: Bool = true
    ) -> StepAction {
        var settings: [String: PropertyValue] = [
            "DownloadPackages": .string(packageIDs.joined(separator: ",")), "ContinueDownloadOnError": .bool(continueOnError),
        ]
        switch destination {
        case .taskSequenceCache: settings["DestinationLocationType"] = "TSCache"
        case .clientCache: settings["DestinationLocationType"] = "CCMCache"
        case .custom(let path):
            settings["DestinationLocationType"] = "Custom"
            settings["DestinationCustomPath"] = .string(path)
        }
        if let pathVariable { settings["DestinationVariable"] = .string(pathVariable) }
        return StepAction(className: "SMS_TaskSequence_DownloadPackageContentAction", settings: settings)
    }

    /// **Apply Network Settings** (`SMS_TaskSequence_ApplyNetworkSettingsAction`): the domain or
    /// workgroup the new operating system joins (the same `NetworkMembership` the templates take).
    /// The join password is kept as a secret.
    public static func applyNetworkSettings(joining join: NetworkMembership) -> StepAction {
        var settings: [String: PropertyValue] = [:]
        switch join {
        case .domain(let name, let organizationalUnit, let account, let password):
            settings["NetworkJoinType"] = .int(0)
            settings["DomainName"] = .string(name)
            if let organizationalUnit { settings["DomainOUName"] = .string(organizationalUnit) }
            settings["DomainUsername"] = .string(account)
            settings["DomainPassword"] = .string(password)
        case .workgroup(let name):
            settings["NetworkJoinType"] = .int(1)
            settings["WorkgroupName"] = .string(name)
        }
        return StepAction(className: "SMS_TaskSequence_ApplyNetworkSettingsAction", settings: settings)
    }

    /// **Upgrade Operating System** (`SMS_TaskSequence_UpgradeOperatingSystemAction`) from an
    /// upgrade package.
    ///
    /// - Parameters:
    ///   - installPackageID: the operating system upgrade package.
    ///   - editionIndex: the edition to install (from 1).
    ///   - scanOnly: only run Windows Setup's compatibility scan.
    ///   - ignoreMessages: dismiss dismissible compatibility messages.
    public static func upgradeOperatingSystem(
        installPackageID: String, editionIndex: UInt32 = 1, scanOnly: Bool = false, ignoreMessages: Bool = false
    ) -> StepAction {
        StepAction(className: "SMS_TaskSequence_UpgradeOperatingSystemAction", settings: [
            "InstallPackageID": .string(installPackageID), "InstallEditionIndex": .int(Int64(editionIndex)),
            "ScanOnly": .bool(scanOnly), "IgnoreMessages": .bool(ignoreMessages),
        ])
    }

    /// **Install Application** (`SMS_TaskSequence_InstallApplicationAction`) for the list of
    /// applications that variables `<base>01`, `<base>02` … name at run time.
    public static func installApplications(listedIn baseVariableName: String, continueOnError: Bool = false) -> StepAction {
        StepAction(
            className: "SMS_TaskSequence_InstallApplicationAction",
            settings: ["BaseVariableName": .string(baseVariableName), "ContinueOnInstallError": .bool(continueOnError)])
    }
}

/// How a drive that Enable BitLocker encrypts unlocks (the class's `Mode`).
public enum BitLockerProtector: String, Sendable, Hashable, CaseIterable {
    /// The TPM alone.
    case tpm = "TPM"
    /// A startup key on a USB drive alone.
    case startupKey = "Key"
    /// The TPM and a startup key.
    case tpmAndStartupKey = "TPMAndKey"
    /// The TPM and a PIN.
    case tpmAndPIN = "TPMAndPIN"
}

/// Where Download Package Content puts the content (`DestinationLocationType`).
public enum DownloadDestination: Sendable, Hashable {
    /// The task sequence working directory (`TSCache`).
    case taskSequenceCache
    /// The Configuration Manager client cache (`CCMCache`).
    case clientCache
    /// A path (`Custom`, `DestinationCustomPath`).
    case custom(String)
}


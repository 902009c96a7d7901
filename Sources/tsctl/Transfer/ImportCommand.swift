import ArgumentParser
import Foundation
import TaskSequenceSDK
import TaskSequenceXML

/// `tsctl import FILE|DIR…`: create packages from task sequence files.
struct ImportCommand: ServiceCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import task sequence files as new packages.",
        discussion: """
            Like Import-CMTaskSequence. Takes bare <sequence> files, MDT ts.xml, ConfigMgr 2007 \
            <SmsTaskSequencePackage> exports, 2012+ object.xml and .zip exports — a zip holding \
            several packages imports each of them. Directories are searched recursively for \
            task sequence files whatever their names: a file is taken when it is a zip or XML \
            whose root element is a task sequence format, and every other file is skipped \
            with a note on standard error. Files go to the service in batches of open files \
            (ImportBatchFd, 16 files or 8 MiB a call, each file all or nothing): the service reads \
            each itself, so size is no problem; zips are imported one by one (a zip may hold \
            several packages). A package whose file carries no name (a bare <sequence>) is named \
            after the file.

            Prints one line per package made: PackageID, name, file. What the import warned \
            about (rules real ConfigMgr and MDT exports break, which are kept) goes to standard \
            error, one line each: FILE: warning: PLACE: PROPERTY: RULE — the same lines \
            `tsctl xml check` prints. A file that cannot be \
            imported is reported on standard error and the others are still imported; the exit \
            status is then 1. Progress goes to standard error when it is a terminal. With \
            --json, an array of {"File", "PackageID", "Name", "SourcePackageID", "Error", \
            "Warnings"} objects (PackageID and Name null for failures, Error null for \
            successes, Warnings a list of lines).
            """
    )

    @Argument(help: ArgumentHelp("Files and directories to import.", valueName: "path"), completion: .file())
    var paths: [String] = []

    @Option(name: .customLong("name"), help: ArgumentHelp("Name the new package (one file only).", valueName: "name"))
    var name: String?

    @Option(name: .customLong("package-id"), help: ArgumentHelp("Import only this package of a zip holding several (its PackageID at the exporting site).", valueName: "id"))
    var sourcePackageID: String?

    @OptionGroup var global: GlobalOptions

    var subject: String { paths.first ?? "import" }

    /// One `--json` entry.
    struct Entry: Encodable {
        var file: String
        var packageID: String?
        var name: String?
        var sourcePackageID: String?
        var error: String?
        var warnings: [String] = []

        enum CodingKeys: String, CodingKey {
            case file = "File", packageID = "PackageID", name = "Name", sourcePackageID = "SourcePackageID", error = "Error", warnings = "Warnings"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(file, forKey: .file)
            try container.encode(packageID, forKey: .packageID)
            try container.encode(name, forKey: .name)
            try container.encode(sourcePackageID, forKey: .sourcePackageID)
            try container.encode(error, forKey: .error)
            try container.encode(warnings, forKey: .warnings)
        }
    }

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("Give at least one file or directory to import.") }
        if name != nil, paths.count > 1 { throw ValidationError("--name names one package; give one file with it.") }
    }

    func run(client: ProviderClient, output: Output) throws {
        let report = ImportReport(output: output)
        // Expand every path first (for the progress total), then work in the order given.
        let expanded: [(path: String, files: Swift.Result<[String], CommandFailure>)] = paths.map { path in
            (path, Swift.Result { () throws(CommandFailure) in try Self.files(at: path) })
        }
        let total = expanded.reduce(0) { $0 + ((try? $1.files.get())?.count ?? 0) }
        report.progress = Progress(total: total)
        var done = 0
        var batch = PendingBatch()
        for (path, files) in expanded {
            switch files {
            case .failure(let failure):
                importBatch(&batch, client: client, report: report, done: &done)
                report.fail(path, failure.message)
            case .success(let files):
                for file in files {
                    if let size = Self.batchableSize(of: file) {
                        batch.add(file, size: size)
                        if batch.isFull { importBatch(&batch, client: client, report: report, done: &done) }
                        continue
                    }
                    // Zips and files a message should not carry go alone, in their place.
                    importBatch(&batch, client: client, report: report, done: &done)
                    report.progress?.update(done, (file as NSString).lastPathComponent)
                    importFile(file, client: client, report: report)
                    done += 1
                }
            }
        }
        importBatch(&batch, client: client, report: report, done: &done)
        report.progress?.finish()
        if output.json { try output.printJSON(report.results) }
        if report.failures > 0 { throw ExitCode(ExitStatus.failure) }
    }

    /// Files waiting to go to the provider in one `ImportBatchFd` call.
    struct PendingBatch {
        /// A call passes at most this many files (the system bus's descriptors a message) or
        /// bytes, so progress moves.
        static let maxFiles = ProviderClient.filesPerDescriptorBatch
        static let maxBytes = 8 << 20
        private(set) var files: [String] = []
        private var bytes = 0

        var isFull: Bool { files.count >= Self.maxFiles || bytes >= Self.maxBytes }

        mutating func add(_ path: String, size: Int) {
            files.append(path)
            bytes += size
        }

        mutating func removeAll() {
            files = []
            bytes = 0
        }
    }

    /// The size of `file` when it goes in a batch: any file but a zip, whose packages may be
    /// several and are imported one by one; `nil` imports it alone.
    static func batchableSize(of file: String) -> Int? {
        guard let handle = FileHandle(forReadingAtPath: file) else { return nil }
        defer { try? handle.close() }
        guard let magic = try? handle.read(upToCount: 4), !magic.starts(with: [0x50, 0x4B, 0x03, 0x04]),
              let end = try? handle.seekToEnd() else { return nil }
        return Int(end)
    }

    /// Imports the pending files in one call (`ImportBatchFd`: the provider reads each open
    /// file itself) and reports each in order.
    private func importBatch(_ batch: inout PendingBatch, client: ProviderClient, report: ImportReport, done: inout Int) {
        let files = batch.files
        batch.removeAll()
        guard let first = files.first else { return }
        report.progress?.update(done, (first as NSString).lastPathComponent)
        defer { done += files.count }
        let results: [ImportBatchResult]
        do {
            results = try client.importPackages(atPaths: files.map {
                ImportBatchPath(path: $0, name: name, sourcePackageID: sourcePackageID)
            })
        } catch let error as ProviderError {
            for file in files { report.fail(file, Diagnostics.problem(error), source: sourcePackageID) }
            return
        } catch {
            for file in files { report.fail(file, String(describing: error), source: sourcePackageID) }
            return
        }
        for (offset, result) in results.enumerated() {
            if offset > 0 { report.progress?.update(done + offset, (result.label as NSString).lastPathComponent) }
            guard let packageID = result.packageID else {
                report.fail(result.label, result.error.map(Diagnostics.problem) ?? "not imported", source: sourcePackageID)
                continue
            }
            do {
                let package = client.package(packageID)
                report.imported(result.label, package: packageID, name: try namedPackage(package, file: result.label),
                                source: sourcePackageID, warnings: result.warnings)
            } catch let error as ProviderError {
                report.fail(result.label, Diagnostics.problem(error), source: sourcePackageID)
            } catch {
                report.fail(result.label, String(describing: error), source: sourcePackageID)
            }
        }
    }

    /// The package's name; a package without one (a bare <sequence> carries none; the console
    /// asks for one) is named after its file.
    private func namedPackage(_ package: PackageHandle, file: String) throws -> String {
        let packageName = try package.info().name
        guard packageName.isEmpty else { return packageName }
        let fallback = Self.defaultName(for: file)
        try package.set(.name, to: .string(fallback))
        return fallback
    }

    /// Imports one file: each package of a zip holding several, else the file as a whole.
    private func importFile(_ file: String, client: ProviderClient, report: ImportReport) {
        for source in sources(of: file) {
            do {
                let package = try client.importPackage(
                    contentsOf: URL(fileURLWithPath: file), options: ImportOptions(name: name, sourcePackageID: source))
                report.imported(file, package: package.id, name: try namedPackage(package, file: file), source: source,
                                warnings: try package.importWarnings())
            } catch let error as ProviderError {
                report.fail(file, Diagnostics.problem(error), source: source)
            } catch {
                report.fail(file, String(describing: error), source: source)
            }
        }
    }

    /// The packages to import from `file`: `--package-id`, else every package of a zip that
    /// holds several, else the file as a whole (`nil`).
    private func sources(of file: String) -> [String?] {
        if let sourcePackageID { return [sourcePackageID] }
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: file), options: .mappedIfSafe),
              data.starts(with: [0x50, 0x4B, 0x03, 0x04]),
              let documents = try? TaskSequenceReader().documents(from: data) else { return [nil] }
        let ids = documents.map(\.package.packageID).filter { !$0.isEmpty }
        return ids.count > 1 ? ids : [nil]
    }

    /// The name a package without one gets: the file's name without its extension.
    static func defaultName(for file: String) -> String {
        let base = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        return base.isEmpty ? "Imported task sequence" : String(base.prefix(255))
    }

    /// The task sequence files at `path`: the file itself, or the files below a directory that
    /// hold a task sequence by their content, sorted; the others are skipped with a note.
    static func files(at path: String) throws(CommandFailure) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandFailure("no such file or directory")
        }
        guard isDirectory.boolValue else { return [path] }
        guard let enumerator = FileManager.default.enumerator(atPath: path) else { throw CommandFailure("cannot read the directory") }
        var files: [String] = []
        var skipped: [(String, String)] = []
        for case let relative as String in enumerator {
            let full = (path as NSString).appendingPathComponent(relative)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            switch TaskSequenceFileSniffer.verdict(forFileAt: full) {
            case .taskSequence: files.append(full)
            case .other(let reason): skipped.append((full, reason))
            }
        }
        for (file, reason) in skipped.sorted(by: { $0.0 < $1.0 }) {
            StandardError.write("\(file): skipped: not a task sequence (\(reason))")
        }
        guard !files.isEmpty else { throw CommandFailure("the directory holds no task sequence files") }
        return files.sorted()
    }
}

/// What an import did so far: lines printed as it goes (clear of the progress line), results
/// kept for `--json`.
final class ImportReport {
    let output: Output
    var progress: Progress?
    private(set) var results: [ImportCommand.Entry] = []
    private(set) var failures = 0

    init(output: Output) {
        self.output = output
    }

    func imported(_ file: String, package: String, name: String, source: String?, warnings: [String]) {
        results.append(ImportCommand.Entry(file: file, packageID: package, name: name, sourcePackageID: source, warnings: warnings))
        guard !output.json else { return }
        progress?.clear()
        StandardOutput.write("\(package)  \(name)  \(file)\(source.map { " (\($0))" } ?? "")\n")
        let subject = source.map { "\(file) (\($0))" } ?? file
        for warning in warnings { StandardError.write(WarningLines.warning(warning, in: subject)) }
    }

    func fail(_ file: String, _ message: String, source: String? = nil) {
        progress?.clear()
        StandardError.write(Diagnostics.line(subject: source.map { "\(file) (\($0))" } ?? file, message: message))
        results.append(ImportCommand.Entry(file: file, sourcePackageID: source, error: message))
        failures += 1
    }
}

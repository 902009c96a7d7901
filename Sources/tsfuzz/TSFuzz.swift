// tsfuzz: coverage-guided fuzzing of the XML reader, the zip reader and the WQL parser
// (`make fuzz`). Built with `-sanitize=fuzzer -DTSFUZZ`, it is a libFuzzer binary whose target
// TSFUZZ_TARGET names (xml, zip, wql); in ordinary builds it replays files through the same
// entry points (`tsfuzz xml FILE…`), to reproduce a finding under a debugger.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

#if TSFUZZ
/// libFuzzer's driver, for a program that has its own `main`.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// The target this process fuzzes, read once from TSFUZZ_TARGET.
let fuzzedEntry: FuzzEntry? = ProcessInfo.processInfo.environment["TSFUZZ_TARGET"].flatMap(FuzzEntry.init(rawValue:))

@main
struct TSFuzz {
    static func main() {
        guard let entry = fuzzedEntry else {
            print("tsfuzz: set TSFUZZ_TARGET to one of \(FuzzEntry.allCases.map(\.rawValue).joined(separator: ", "))")
            exit(2)
        }
        print("tsfuzz: fuzzing the \(entry.rawValue) target")
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzTestOneInput))
    }
}

/// libFuzzer's entry point: one input for the target TSFUZZ_TARGET names.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    fuzzedEntry?.run(UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size))
    return 0
}
#else
@main
struct TSFuzz {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        guard let name = arguments.first, let entry = FuzzEntry(rawValue: name), arguments.count > 1 else {
            print("usage: tsfuzz \(FuzzEntry.allCases.map(\.rawValue).joined(separator: "|")) FILE…  (replays inputs; `make fuzz` fuzzes)")
            exit(2)
        }
        for path in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                print("tsfuzz: cannot read \(path)")
                exit(1)
            }
            data.withUnsafeBytes { entry.run($0) }
            print("tsfuzz: \(entry.rawValue) \(path): returned")
        }
    }
}
#endif

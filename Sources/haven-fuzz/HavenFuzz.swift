import Foundation

#if FUZZING
/// libFuzzer's entry for a program with its own `main` (the runtime is linked by
/// `-sanitize=fuzzer`): runs the fuzzing loop over `body` with the flags given.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ body: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// The target chosen on the command line; set once, before libFuzzer starts calling.
nonisolated(unsafe) var chosen: FuzzTargets.Target = { _ in }
#endif

/// `haven-fuzz TARGET …`: coverage-guided fuzzing of one parser (a build with
/// `HAVEN_FUZZ=1`, see `Scripts/fuzz`), or, from an ordinary build, every file given run once
/// through the target (the seed corpora and past findings, as `swift test` and CI replay them).
@main
struct HavenFuzz {
    static func main() {
        let arguments = CommandLine.arguments
        guard arguments.count >= 2, let target = FuzzTargets.all[arguments[1]] else {
            print("usage: haven-fuzz TARGET [FILE|DIR …]   (targets: \(FuzzTargets.all.keys.sorted().joined(separator: ", ")))")
            exit(arguments.count >= 2 && arguments[1] == "list" ? 0 : 2)
        }
        #if FUZZING
        chosen = target
        // libFuzzer reads its own flags and corpus directories; the target's name is not one.
        var argv: [UnsafeMutablePointer<CChar>?] = ([arguments[0]] + arguments.dropFirst(2)).map { strdup($0) } + [nil]
        var argc = CInt(argv.count - 1)
        let status = argv.withUnsafeMutableBufferPointer { buffer in
            var base = buffer.baseAddress!
            return LLVMFuzzerRunDriver(&argc, &base) { bytes, count in
                chosen(bytes.map { Data(bytes: $0, count: count) } ?? Data())
                return 0
            }
        }
        exit(status)
        #else
        var files: [String] = []
        for path in arguments.dropFirst(2) {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                print("no such file or directory: \(path)")
                exit(2)
            }
            if isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                files += names.sorted().map { path + "/" + $0 }
            } else {
                files.append(path)
            }
        }
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { continue }
            target(data)
        }
        print("\(arguments[1]): \(files.count) inputs ran without a crash")
        #endif
    }
}

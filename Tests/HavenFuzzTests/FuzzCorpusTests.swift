import Foundation
@testable import haven_fuzz
import Testing

/// The fuzz targets' seed corpora (`Fuzz/corpus`) and every input the fuzzer ever found to crash a
/// parser (`Fuzz/findings`, kept once fixed), run once through their targets in an ordinary
/// build: a parser that crashes on any of them stops this test run.
struct FuzzCorpusTests {
    static let fuzz = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    static func files(_ folder: String, _ target: String) -> [URL] {
        let directory = fuzz.appendingPathComponent(folder).appendingPathComponent(target)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.sorted().map { directory.appendingPathComponent($0) }
    }

    @Test func everyTargetHasASeedCorpusAndEveryCorpusATarget() throws {
        let corpora = try FileManager.default.contentsOfDirectory(atPath: Self.fuzz.appendingPathComponent("corpus").path)
        #expect(Set(corpora) == Set(FuzzTargets.all.keys))
    }

    @Test(arguments: FuzzTargets.all.keys.sorted())
    func everySeedAndPastFindingRunsThroughItsTargetWithoutACrash(target: String) throws {
        let run = try #require(FuzzTargets.all[target])
        let seeds = Self.files("corpus", target), findings = Self.files("findings", target)
        #expect(!seeds.isEmpty, "\(target) has no seed")
        for file in seeds + findings {
            run(try Data(contentsOf: file))
        }
    }
}

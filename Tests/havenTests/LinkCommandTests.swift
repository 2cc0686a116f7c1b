import ArgumentParser
import Foundation
@testable import haven
import Testing
import HavenTestSupport

/// `haven link` parsed from arguments as a shell passes them, on real files: every record gets
/// one cluster, the spellings of one person share it, and a malformed file stops with its line.
struct LinkCommandTests {
    func run(_ arguments: [String]) async throws {
        var command = try #require(try Haven.parseAsRoot(["link"] + arguments + ["--quiet"]) as? any AsyncParsableCommand)
        try await command.run()
    }

    func scratch() throws -> URL {
        let directory = try TemporaryDirectory.make("haven-link")
        return directory
    }

    @Test func everyRecordGetsOneClusterAndOnePersonsSpellingsShareIt() async throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        var csv = "record_id,source,name,sex,birth_date,phone,notes\n"
        csv += "a,ngo,리정숙,여,1972-03-14,,x\nb,gov,\"Lee, Jeongsuk\",F,1972-03,,y\nc,press,Ri Jong-suk,female,1972-03-14,,\n"
        csv += "d,ngo,김철민,남,1985-11-02,010-5555-1234,\ne,gov,Kim Cheol-min,M,1985-11-31,+82 10 5555 1234,\n"
        for index in 0..<200 { csv += "bg\(index),bg,박\(["민", "서", "지", "현"][index % 4])\(["수", "영", "호", "희"][index / 4 % 4])\(index),남,19\(50 + index % 50)-0\(1 + index % 9)-1\(index % 9),010-7000-\(1000 + index),\n" }
        try csv.write(to: directory.appendingPathComponent("in.csv"), atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent("out.csv").path, pairs = directory.appendingPathComponent("pairs.csv").path
        try await run(["--input", directory.appendingPathComponent("in.csv").path, "--output", output, "--pairs", pairs])
        let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        #expect(lines.first == ["record_id", "cluster_id"])
        let clusters = Dictionary(uniqueKeysWithValues: lines.dropFirst().map { ($0[0], $0[1]) })
        #expect(clusters.count == 205 && lines.count == 206, "every record exactly once")
        let numbers = Set(clusters.values)
        #expect(numbers == Set((1...numbers.count).map(String.init)), "clusters are numbered 1, 2, … in decimal, without gaps")
        #expect(clusters["a"] == clusters["b"] && clusters["b"] == clusters["c"])
        #expect(clusters["d"] == clusters["e"], "an impossible date counts as missing, not as a reason to stop; name and phone link them")
        #expect(clusters["a"] != clusters["d"])
        let explained = try String(contentsOfFile: pairs, encoding: .utf8)
        // Comparisons and blocking rules can be chosen: without names, and blocking on phones alone,
        // only the two records sharing a phone are compared.
        let narrow = directory.appendingPathComponent("narrow.csv").path
        try await run(["--input", directory.appendingPathComponent("in.csv").path, "--output", output, "--pairs", narrow, "--pairs-from", "0",
                       "--without", "family_name", "--without", "given_name", "--blocking", "phone"])
        let narrowPairs = try String(contentsOfFile: narrow, encoding: .utf8).split(separator: "\n")
        #expect(narrowPairs.count == 2 && narrowPairs[1].hasPrefix("d,e,") && !narrowPairs[0].contains("given_name"))
        #expect(explained.hasPrefix("record_id_a,record_id_b,probability,match_weight,prior,family_name_level,family_name_weight,given_name_level"))
        #expect(!explained.contains("정숙") && !explained.contains("Jeongsuk"), "no name is written to the pairs")
    }

    @Test func aMalformedFileStopsWithItsLineAndWritesNothing() async throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("bad.csv")
        try "record_id,name\n1,김정숙\n2,\"박철수\n3,이영희\n".write(to: input, atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent("out.csv").path
        do {
            try await run(["--input", input.path, "--output", output])
            Issue.record("a malformed file was linked")
        } catch {
            #expect("\(error)".contains("line 3 opens a quoted field that is never closed"))
            #expect(!"\(error)".contains("박철수"))
        }
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(throws: (any Error).self) { try Haven.parseAsRoot(["link", "--input", "x", "--output", "y", "--threshold", "1.5"]) }
        #expect(throws: (any Error).self) { try Haven.parseAsRoot(["link", "--input", "x", "--output", "y", "--without", "shoe_size"]) }
        #expect(throws: (any Error).self) { try Haven.parseAsRoot(["link", "--input", "x", "--output", "y", "--blocking", "everything"]) }
        #expect(throws: Never.self) { try Haven.parseAsRoot(["link", "--input", "x", "--output", "y", "--without", "sex", "--blocking", "id_number"]) }
    }
}

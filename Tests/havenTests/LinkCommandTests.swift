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
        // Each pair says what clustering did with it.
        let header = explained.split(separator: "\n")[0]
        #expect(header.hasSuffix(",clustering"))
        #expect(explained.split(separator: "\n").contains { $0.hasPrefix("a,b,") && $0.hasSuffix(",joined") }
                || explained.split(separator: "\n").contains { $0.hasPrefix("b,a,") && $0.hasSuffix(",joined") })
    }

    /// Two namesakes born on different days and a record with only their name: the record fits
    /// both equally, joins neither, and the pairs say why; the namesakes are never one cluster.
    @Test func aRecordWithOnlyANameDoesNotChainTwoNamesakes() async throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        var csv = "record_id,source,name,sex,birth_date\n"
        csv += "x1,ngo,한설란,여,1961-04-12\nx2,gov,Han Sol-ran,F,1988-09-30\nx3,press,Han Sŏl-lan,,\n"
        // Other people, so that the model has something to learn from.
        for index in 0..<300 {
            let given = ["민", "서", "지", "현", "경", "숙"][index % 6] + ["수", "영", "호", "희", "옥"][index / 6 % 5]
            let date = "19\(50 + index % 45)-0\(1 + index % 9)-1\(index % 9)"
            csv += "p\(index),ngo,\(["김", "이", "박"][index % 3])\(given),\(index % 2 == 0 ? "여" : "남"),\(date)\n"
            if index % 2 == 0 { csv += "q\(index),gov,\(["Kim", "Lee", "Park"][index % 3]) \(given),,\(date)\n" }
        }
        try csv.write(to: directory.appendingPathComponent("in.csv"), atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent("out.csv").path, pairs = directory.appendingPathComponent("pairs.csv").path
        try await run(["--input", directory.appendingPathComponent("in.csv").path, "--output", output, "--pairs", pairs, "--threshold", "0.5"])
        let clusters = Dictionary(uniqueKeysWithValues: try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n").dropFirst()
            .map { line in let parts = line.split(separator: ","); return (String(parts[0]), String(parts[1])) })
        #expect(clusters["x1"] != clusters["x2"], "born 27 years apart, the namesakes stay two people")
        #expect(clusters["x3"] != clusters["x1"] && clusters["x3"] != clusters["x2"])
        let rows = try String(contentsOfFile: pairs, encoding: .utf8).split(separator: "\n")
        let x3 = rows.filter { $0.hasPrefix("x3,") || $0.contains(",x3,") }
        #expect(!x3.isEmpty && x3.allSatisfy { $0.hasSuffix("not joined: x3 fits several people who differ about equally well") })
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

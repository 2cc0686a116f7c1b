import ArgumentParser
import Foundation
@testable import haven
import HavenTestSupport
import Testing

/// `haven pprl` on real files: a fresh secret, two organisations' encodings that hold no name or
/// date (a canary searched for in every form), the match one to one, and malformed files named
/// by line.
struct PPRLCommandTests {
    func run(_ arguments: [String]) async throws {
        var command = try #require(try Haven.parseAsRoot(["pprl"] + arguments) as? any AsyncParsableCommand)
        try await command.run()
    }

    @Test func twoOrganisationsMatchWithoutSharingANameOrADate() async throws {
        let directory = try TemporaryDirectory.make("haven-pprl")
        defer { try? FileManager.default.removeItem(at: directory) }
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        try await run(["secret", "--output", path("project.secret")])
        let secret = try String(contentsOfFile: path("project.secret"), encoding: .utf8)
        #expect(secret.count == 65 && secret.dropLast().allSatisfy(\.isHexDigit))
        #expect(try FileManager.default.attributesOfItem(atPath: path("project.secret"))[.posixPermissions] as? Int == 0o600)

        // The canary: a person both organisations know, and one only each knows.
        try "record_id,name,sex,birth_date\nngo-1,김정숙,여,1972-03-14\nngo-2,박영호,남,1980-11-02\n"
            .write(toFile: path("ngo.csv"), atomically: true, encoding: .utf8)
        try "record_id,name,sex,birth_date\ngov-9,KIM JONG SUK,F,1972-03-14\ngov-8,Choe Myong Chol,M,1965-01-30\n"
            .write(toFile: path("gov.csv"), atomically: true, encoding: .utf8)
        try await run(["encode", "--input", path("ngo.csv"), "--secret-file", path("project.secret"), "--output", path("ngo.enc")])
        try await run(["encode", "--input", path("gov.csv"), "--secret-file", path("project.secret"), "--output", path("gov.enc")])
        for file in ["ngo.enc", "gov.enc"] {
            let text = try String(contentsOfFile: path(file), encoding: .utf8)
            #expect(text.hasPrefix("record_id,clk\n") && text.split(separator: "\n").count == 3)
            for canary in ["김정숙", "정숙", "김", "박영호", "KIM", "kim", "JONG", "jong", "Jeong", "suk", "Choe", "choe", "Myong", "1972", "03-14", "1980", "1965", "여", "남"] {
                #expect(!text.contains(canary), "\(file) holds \(canary)")
            }
        }
        try await run(["match", "--left", path("ngo.enc"), "--right", path("gov.enc"), "--output", path("pairs.csv")])
        let pairs = try String(contentsOfFile: path("pairs.csv"), encoding: .utf8).split(separator: "\n")
        #expect(pairs.count == 2 && pairs[0] == "left_id,right_id,score" && pairs[1].hasPrefix("ngo-1,gov-9,"))

        // Files are created new, never overwritten; a malformed file is named by its line.
        await #expect(throws: (any Error).self) { try await run(["secret", "--output", path("project.secret")]) }
        try "record_id,clk\nx,not-base64\n".write(toFile: path("bad.enc"), atomically: true, encoding: .utf8)
        do {
            try await run(["match", "--left", path("bad.enc"), "--right", path("gov.enc"), "--output", path("p2.csv")])
            Issue.record("a malformed file was matched")
        } catch {
            #expect("\(error)".contains("line 2: the clk is not a 1024-bit filter"))
        }
        try "0123".write(toFile: path("short.secret"), atomically: true, encoding: .utf8)
        do {
            try await run(["encode", "--input", path("ngo.csv"), "--secret-file", path("short.secret"), "--output", path("x.enc")])
            Issue.record("a four-byte secret was accepted")
        } catch {
            #expect("\(error)".contains("at least 16 random bytes"))
        }
        #expect(throws: (any Error).self) { try Haven.parseAsRoot(["pprl", "match", "--left", "a", "--right", "b", "--output", "c", "--threshold", "0"]) }
    }
}

import ArgumentParser
import Crypto
import Foundation
import HavenCore
import HavenCrypto
import HavenLinkage

/// `haven pprl`: matching records with another organisation without either sharing names.
struct PPRL: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pprl",
        abstract: "Match records with another organisation without sharing names (privacy-preserving record linkage).",
        discussion: """
        Both organisations agree on a fresh secret for the project (haven pprl secret), each encodes its own
        records with it (haven pprl encode), one sends its encoded file to the other, who matches the two
        (haven pprl match). An encoded file holds record ids and Bloom filters only; docs/pprl.md says what a
        partner learns and what the encoding resists.

        Examples:
          haven pprl secret --output project.secret
          haven pprl encode --input persons.csv --secret-file project.secret --output ours.csv
          haven pprl match --left ours.csv --right theirs.csv --output pairs.csv
        """,
        subcommands: [Secret.self, Encode.self, Match.self]
    )

    /// Files written here are the operator's: created new, readable by their owner only.
    static func write(_ text: String, to path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else { throw CLIError("\(path) exists; choose a new file") }
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CLIError("cannot write \(path)")
        }
    }

    /// `haven pprl secret`: a fresh random secret for one project.
    struct Secret: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a fresh random secret for one matching project (32 bytes, as hex).")
        @Option(help: "The file to create.") var output: String

        func run() async throws {
            try PPRL.write(SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.hexString + "\n", to: output)
        }
    }

    /// `haven pprl encode`: each record as its id and Bloom filter.
    struct Encode: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Encode records as Bloom filters under the project's secret: record_id,clk.",
            discussion: "The input has the columns haven link reads (record_id, name or given_name and family_name, sex, birth_date …)."
        )
        @Option(help: "The records (CSV with a header).") var input: String
        @Option(name: .customLong("secret-file"), help: "The project's secret (haven pprl secret).") var secretFile: String
        @Option(help: "The encoded file to create.") var output: String

        func run() async throws {
            let encoder: BloomEncoder
            do { encoder = try BloomEncoder(secret: try PPRL.secret(secretFile)) } catch let error as PPRLError { throw CLIError("\(secretFile): \(error)") }
            guard let data = FileManager.default.contents(atPath: input) else { throw CLIError("cannot read \(input)") }
            let records: LinkInput
            do { records = try LinkInput(csv: [UInt8](data)) } catch { throw CLIError("\(input): \(error)") }
            let filters = Parallel.map(records.records) { encoder.encode($0) }
            var text = "record_id,clk\n"
            for (record, filter) in zip(records.records, filters) { text += CSVField.escape(record.id) + "," + filter.base64 + "\n" }
            try PPRL.write(text, to: output)
            FileHandle.standardError.write(Data("\(records.records.count) records encoded\n".utf8))
        }
    }

    /// `haven pprl match`: pairs of one person across two encoded files.
    struct Match: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Match two encoded files one to one: left_id,right_id,score.")
        @Option(help: "One organisation's encoded file.") var left: String
        @Option(help: "The other's.") var right: String
        @Option(help: "The pairs file to create.") var output: String
        @Option(help: "The Dice coefficient at or above which two records are one person.") var threshold = BloomMatcher.defaultThreshold

        func validate() throws {
            guard threshold > 0, threshold <= 1 else { throw ValidationError("--threshold must be above 0 and at most 1") }
        }

        func run() async throws {
            let (leftIDs, leftFilters) = try PPRL.encoded(left)
            let (rightIDs, rightFilters) = try PPRL.encoded(right)
            let pairs: [BloomMatcher.Pair]
            do { pairs = try BloomMatcher.match(leftFilters, rightFilters, threshold: threshold) } catch { throw CLIError("\(error)") }
            var text = "left_id,right_id,score\n"
            for pair in pairs {
                text += CSVField.escape(leftIDs[pair.left]) + "," + CSVField.escape(rightIDs[pair.right]) + String(format: ",%.4f\n", pair.score)
            }
            try PPRL.write(text, to: output)
            print("\(leftIDs.count) records on the left, \(rightIDs.count) on the right, \(pairs.count) matched one to one (Dice ≥ \(threshold))")
        }
    }

    /// A secret file's bytes: 64 hex digits as `secret` writes them, or any file of raw bytes.
    static func secret(_ path: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read \(path)") }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.count >= 32 ? Data(hex: text) ?? data : data
    }

    /// An encoded file's ids and filters, or an error naming the line.
    static func encoded(_ path: String) throws -> ([String], [BloomFilter]) {
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read \(path)") }
        let table: CSVTable
        do { table = try CSVTable(bytes: [UInt8](data)) } catch { throw CLIError("\(path): \(error)") }
        guard table.header == ["record_id", "clk"] else { throw CLIError("\(path): line 1: expected the header record_id,clk (haven pprl encode writes it)") }
        var ids: [String] = [], filters: [BloomFilter] = []
        var seen = Set<String>()
        for row in table.rows {
            guard !row.fields[0].isEmpty, seen.insert(row.fields[0]).inserted else {
                throw CLIError("\(path): line \(row.line): the record id is empty or repeated")
            }
            guard let filter = BloomFilter(base64: row.fields[1]) else {
                throw CLIError("\(path): line \(row.line): the clk is not a \(BloomFilter.bits)-bit filter in base64")
            }
            ids.append(row.fields[0])
            filters.append(filter)
        }
        return (ids, filters)
    }
}

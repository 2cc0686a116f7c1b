import ArgumentParser
import Foundation
import HavenCore
import HavenLinkage
import HavenFixtures

/// Writes the seeded Korean test set for the linkage benchmark: records in the columns of
/// `haven link`, and the truth (which person each record stands for) in a separate file.
@main
struct LinkageData: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "haven-linkage-data",
        abstract: "Write seeded synthetic Korean person records (fictional) and their truth for the linkage benchmark."
    )

    @Option(help: "How many persons; each is reported by one to four sources.") var persons = 10_000
    @Option(help: "The seed: the same seed writes the same records.") var seed: UInt64 = 1
    @Option(help: "Where to write the records (CSV).") var output: String
    @Option(help: "Where to write record_id,person (CSV).") var truth: String

    func run() throws {
        let rows = KoreanRecordGenerator(seed: seed).rows(persons: persons)
        var records = "record_id,source,name,sex,birth_date,birth_place\n"
        var answers = "record_id,person\n"
        for row in rows {
            let r = row.record
            records += [r.id, r.source ?? "", r.name ?? "", r.sex ?? "", r.birthDate ?? "", r.birthPlace ?? ""].map(CSVField.escape).joined(separator: ",") + "\n"
            answers += "\(r.id),\(row.person)\n"
        }
        guard FileManager.default.createFile(atPath: output, contents: Data(records.utf8)),
              FileManager.default.createFile(atPath: truth, contents: Data(answers.utf8)) else {
            throw ValidationError("cannot write \(output) or \(truth)")
        }
        FileHandle.standardError.write(Data("\(rows.count) records of \(persons) persons\n".utf8))
    }
}

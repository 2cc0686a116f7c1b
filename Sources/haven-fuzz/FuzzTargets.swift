import Foundation
import HavenCore
import HavenCrypto
import HavenImport
import HavenLinkage
import HavenServer
import HavenStats

/// Every parser that takes bytes from outside, as one function each from bytes to nothing: a
/// thrown error is a refusal, which is fine; a crash, a sanitizer report or a hang is a finding.
enum FuzzTargets {
    typealias Target = @Sendable (Data) -> Void

    /// The targets by name, as `haven-fuzz TARGET` and the seed corpora (`Fuzz/corpus/TARGET`) name them.
    static let all: [String: Target] = [
        // CSV files: `haven import-sheet`, `haven estimate`, `haven link`, `haven pprl`.
        "csv": { data in _ = try? CSVTable(bytes: [UInt8](data)) },
        // Spreadsheets uploaded or imported: XLSX workbooks (ZIP, XML) and CSV in UTF-8 or CP949.
        "spreadsheet": { data in _ = try? SpreadsheetReader.read(data) },
        // Dates as typed on forms and in files, and as the linkage compares them.
        "dates": { data in
            let text = String(decoding: data, as: UTF8.self)
            if let date = try? FuzzyDate(parsing: text) { _ = (date.earliest, date.latest, date.coarse) }
            let halves = split(text)
            _ = PartialDate.level(PartialDate(halves.0), PartialDate(halves.1))
            _ = PartialDate.conflict(PartialDate(halves.0), PartialDate(halves.1))
        },
        // Korean names: parsing, romanisation in every system, sound keys and similarity.
        "names": { data in
            let text = String(decoding: data, as: UTF8.self)
            for system in RomanizationSystem.allCases { _ = Romanizer.romanize(text, system) }
            _ = NameKeys.of(text)
            let halves = split(text)
            _ = KoreanName.similarity(KoreanName(halves.0), KoreanName(halves.1))
        },
        // JSON bodies of `POST /api/<kind>`: the first byte picks the kind.
        "record-json": { data in
            guard let first = data.first else { return }
            let kinds = RecordKind.allCases
            try? RequestParsing.record(kindCode: kinds[Int(first) % kinds.count].rawValue, body: data.dropFirst())
        },
        // JSON bodies of `POST /api/incidents`.
        "incident-json": { data in try? RequestParsing.incident(body: data) },
        // multipart/form-data bodies of the import pages: the first line is the boundary.
        "multipart": { data in
            guard let newline = data.firstIndex(of: 0x0A) else { return }
            let boundary = String(decoding: data[data.startIndex..<newline], as: UTF8.self)
            _ = try? RequestParsing.multipart(body: Data(data[data.index(after: newline)...]), boundary: boundary)
        },
        // `haven estimate --input`: capture histories.
        "estimate-csv": { data in
            guard let table = try? CSVTable(bytes: [UInt8](data)) else { return }
            _ = try? CaptureHistories.table(header: table.header, rows: table.rows.map { ($0.line, $0.fields) })
        },
        // `haven link` and `haven pprl encode`: persons to link.
        "link-csv": { data in _ = try? LinkInput(csv: [UInt8](data)) },
        // `haven serve --thresholds`.
        "thresholds": { data in _ = try? AccountabilityThresholds.read(data) },
        // Master-key shares as a custodian types or files them for `haven keys`, `unlock` and
        // `restore`: every line read as a share of one vault, then those read combined.
        "share-lines": { data in
            let shares = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
                .compactMap { line in try? ShareText.decode(String(line), vaultTag: "0123abcd") }
            guard !shares.isEmpty, let secret = try? Shamir.combine(shares) else { return }
            _ = try? MasterKey(rawBytes: secret)
        },
        // Published arrival statistics typed or pasted in.
        "arrivals": { data in _ = try? ArrivalFigure.parse(csv: String(decoding: data, as: UTF8.self)) },
    ]

    /// Two texts from one input, split at its first TAB (or in the middle).
    static func split(_ text: String) -> (String, String) {
        if let tab = text.firstIndex(of: "\t") { return (String(text[..<tab]), String(text[text.index(after: tab)...])) }
        let middle = text.index(text.startIndex, offsetBy: text.count / 2)
        return (String(text[..<middle]), String(text[middle...]))
    }
}

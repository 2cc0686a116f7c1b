import Foundation
import HavenCore
import HavenImport
import HavenReports

/// The dry run of an uploaded sheet and, from it and the reader's decisions, the records an
/// import writes. Pure: the controller reads the kept persons and writes the batch.
enum ImportCheck {
    /// Persons at least this probably the same are shown to decide (as on the command line).
    static let duplicateThreshold = 0.5

    /// Runs the dry run of the upload's mapping: its plan, or the mapping problem that stopped
    /// it, and the persons it would add that are probably kept already or in the sheet twice.
    static func run(_ upload: inout ImportUpload, kept: [Person]) {
        upload.plan = nil
        upload.matches = []
        upload.keptMatched = [:]
        upload.mappingProblem = nil
        do throws(ImportMappingError) {
            let plan = try ImportPlanner.plan(upload.sheets, mapping: upload.mapping, compartment: upload.compartment)
            upload.plan = plan
            upload.mapping.sheet = plan.sheet
            upload.mapping.headerRow = plan.headerRow
            let planned = plan.records.compactMap { $0 as? Person }
            upload.matches = planned.isEmpty ? [] : DuplicateFinder.importMatches(planned: planned, kept: kept, threshold: duplicateThreshold)
            // Two rows of the sheet that match each other are one pair: shown once, at the later row.
            let positions = positions(plan)
            let pairs = Set(upload.matches.filter { !$0.matchIsKept }.map { [$0.planned, $0.match] })
            upload.matches.removeAll { match in
                guard !match.matchIsKept, pairs.contains([match.match, match.planned]),
                      let from = positions[match.planned], let to = positions[match.match] else { return false }
                return (from.row, from.ordinal) < (to.row, to.ordinal)
            }
            let matchedIDs = Set(upload.matches.filter(\.matchIsKept).map(\.match))
            upload.keptMatched = Dictionary(kept.filter { matchedIDs.contains($0.id) }.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        } catch {
            upload.mappingProblem = error.message
        }
    }

    /// Where a planned person sits in the sheet: its row, and which person of the row it is
    /// (an incident row may name several victims). Stable across dry runs of one mapping, unlike
    /// the planned record's id, so that decisions outlive a new dry run.
    struct Position: Hashable, Sendable {
        var row: Int
        var ordinal: Int
        var text: String { ordinal == 0 ? "\(row)" : "\(row).\(ordinal + 1)" }
    }

    static func positions(_ plan: ImportPlan) -> [UUID: Position] {
        var positions: [UUID: Position] = [:]
        var seen: [Int: Int] = [:]
        for case let person as Person in plan.records {
            guard let row = plan.rowOf[person.id] else { continue }
            positions[person.id] = Position(row: row, ordinal: seen[row, default: 0])
            seen[row, default: 0] += 1
        }
        return positions
    }

    /// The key a decision is kept under: the planned person's position and what it matches
    /// (a kept person's id, or another position of the sheet).
    static func key(_ match: DuplicateFinder.ImportMatch, positions: [UUID: Position]) -> String? {
        guard let from = positions[match.planned] else { return nil }
        let to = match.matchIsKept ? match.match.wire : positions[match.match].map { "row " + $0.text }
        return to.map { "\(from.text)>\($0)" }
    }

    /// The rows the reader decided to leave out: named by number, or a probable duplicate's.
    static func skippedRows(_ upload: ImportUpload) -> Set<Int> {
        guard let plan = upload.plan else { return upload.skipRows }
        let positions = positions(plan)
        return upload.skipRows.union(upload.matches.compactMap { match in
            guard let key = key(match, positions: positions), upload.decisions[key] == .skip else { return nil }
            return positions[match.planned]?.row
        })
    }

    /// Whether the upload can be imported: a dry run with no problem and no unknown word outside
    /// the rows left out.
    static func isReady(_ upload: ImportUpload) -> Bool {
        guard let plan = upload.plan else { return false }
        let skipped = skippedRows(upload)
        return plan.problems.allSatisfy { skipped.contains($0.row) } && plan.unmatched.allSatisfy { $0.rows.allSatisfy(skipped.contains) }
    }

    /// What an import writes: the plan's records without the rows to skip, and each person
    /// decided "the same" merged (`sameAs`) into its group's main record — a kept person where the
    /// group has one, else the group's earliest row — so that no chain or loop forms.
    /// `keptMain` gives each kept person's main record (itself unless merged).
    static func records(_ upload: ImportUpload, keptMain: [UUID: UUID]) -> (records: [any Record], skippedRows: Set<Int>) {
        guard let plan = upload.plan else { return ([], []) }
        let positions = positions(plan)
        let skipped = skippedRows(upload)
        let same = upload.matches.filter { match in key(match, positions: positions).map { upload.decisions[$0] == .same } ?? false }
            .map { ($0.planned, $0.match, $0.matchIsKept) }
        // Groups of persons decided to be one, by union–find over ids.
        var parent: [UUID: UUID] = [:]
        func root(_ id: UUID) -> UUID {
            var id = id
            while let up = parent[id], up != id { id = up }
            return id
        }
        var keptIn: Set<UUID> = []
        for (planned, match, isKept) in same {
            guard let row = positions[planned]?.row, !skipped.contains(row) else { continue }
            if !isKept, let other = positions[match]?.row, skipped.contains(other) { continue }
            let target = isKept ? (keptMain[match] ?? match) : match
            if isKept { keptIn.insert(target) }
            let (a, b) = (root(planned), root(target))
            guard a != b else { continue }
            // A kept record, else the earlier row, stays the group's root.
            let aFirst = keptIn.contains(a) || (!keptIn.contains(b) && (positions[a].map { ($0.row, $0.ordinal) } ?? (0, 0))
                                                 < (positions[b].map { ($0.row, $0.ordinal) } ?? (0, 0)))
            if aFirst { parent[b] = a } else { parent[a] = b }
        }
        var records: [any Record] = []
        for record in plan.records {
            if let row = plan.rowOf[record.id], skipped.contains(row) { continue }
            if var person = record as? Person, parent[person.id] != nil {
                let main = root(person.id)
                if main != person.id { person.sameAs = main }
                records.append(person)
            } else {
                records.append(record)
            }
        }
        return (records, skipped)
    }
}

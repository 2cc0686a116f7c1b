import Foundation

/// Small-cell suppression for figures shown to roles below analyst or exported for sharing: a
/// count from 1 to `threshold − 1` could point to identifiable people, so it is withheld; where a
/// row's total is shown and only one cell of the row is withheld, the next smallest is withheld
/// too, so that the total cannot give the withheld one back.
public enum Suppression {
    /// A cell as shown: its count, or withheld.
    public enum Cell: Sendable, Equatable, CustomStringConvertible {
        case count(Int)
        case withheld

        public var description: String {
            switch self {
            case .count(let n): String(n)
            case .withheld: "·"
            }
        }
    }

    /// One row of counts with primary and complementary suppression.
    public static func row(_ counts: [Int], threshold: Int) -> [Cell] {
        guard threshold > 1 else { return counts.map(Cell.count) }
        var cells = counts.map { (1..<threshold).contains($0) ? Cell.withheld : .count($0) }
        if cells.filter({ $0 == .withheld }).count == 1,
           let next = counts.indices.filter({ cells[$0] != .withheld && counts[$0] > 0 }).min(by: { counts[$0] < counts[$1] }) {
            cells[next] = .withheld
        }
        return cells
    }

    /// A single figure: withheld when it is from 1 to `threshold − 1`.
    public static func cell(_ count: Int, threshold: Int) -> Cell {
        threshold > 1 && (1..<threshold).contains(count) ? .withheld : .count(count)
    }
}

import Foundation

/// A hierarchical log-linear model of capture histories: every list's main effect (how likely
/// it is to record a person) plus chosen two-way interactions (two lists recording the same
/// people more or less often than chance). Interactions among three or more lists are taken
/// to be zero; that is what makes the number nobody recorded estimable.
public struct LogLinearModel: Sendable, Hashable, CustomStringConvertible {
    /// Two lists, by column, `first < second`.
    public struct Pair: Sendable, Hashable, Comparable {
        public let first: Int
        public let second: Int

        public init(_ a: Int, _ b: Int) {
            first = min(a, b)
            second = max(a, b)
        }

        public static func < (l: Pair, r: Pair) -> Bool { (l.first, l.second) < (r.first, r.second) }
    }

    /// The number of lists.
    public let lists: Int
    /// The interactions, sorted.
    public let interactions: [Pair]

    public init(lists: Int, interactions: some Sequence<Pair>) {
        self.lists = lists
        self.interactions = Set(interactions).sorted()
    }

    /// Lists recording people independently of each other.
    public static func independence(lists: Int) -> LogLinearModel { LogLinearModel(lists: lists, interactions: []) }

    /// Every pair of `lists` lists.
    public static func allPairs(lists: Int) -> [Pair] {
        (0..<lists).flatMap { a in ((a + 1)..<lists).map { Pair(a, $0) } }
    }

    /// The intercept, one effect per list and one per interaction.
    public var parameterCount: Int { 1 + lists + interactions.count }

    /// The covariates of one history that are 1: the intercept (column 0), each list that
    /// recorded it (1 + list), each interaction both of whose lists did (after the lists).
    func ones(of history: Int) -> [Int] {
        var columns = [0]
        for list in 0..<lists where history & (1 << list) != 0 { columns.append(1 + list) }
        for (offset, pair) in interactions.enumerated()
        where history & (1 << pair.first) != 0 && history & (1 << pair.second) != 0 {
            columns.append(1 + lists + offset)
        }
        return columns
    }

    /// The model by its interactions in list names, as `--model` takes it: "A*B,B*C", or
    /// "independence".
    public func name(lists names: [String]) -> String {
        interactions.isEmpty ? "independence" : interactions.map { "\(names[$0.first])*\(names[$0.second])" }.joined(separator: ",")
    }

    public var description: String {
        interactions.isEmpty ? "independence" : interactions.map { "\($0.first + 1)*\($0.second + 1)" }.joined(separator: ",")
    }

    /// Reads a model named as ``name(lists:)`` writes it; list names are matched exactly.
    public static func parse(_ text: String, lists names: [String]) throws(EstimationError) -> LogLinearModel {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.lowercased() == "independence" || trimmed.isEmpty { return .independence(lists: names.count) }
        var pairs: [Pair] = []
        for term in trimmed.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = term.split(separator: "*", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, parts[0] != parts[1] else { throw .malformedModel(text) }
            guard let a = names.firstIndex(of: parts[0]) else { throw .unknownList(parts[0]) }
            guard let b = names.firstIndex(of: parts[1]) else { throw .unknownList(parts[1]) }
            pairs.append(Pair(a, b))
        }
        return LogLinearModel(lists: names.count, interactions: pairs)
    }
}

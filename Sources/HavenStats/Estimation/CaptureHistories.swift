/// How many people were recorded by each combination of lists: the input of every multiple
/// systems estimate. A person's capture history is the set of lists that recorded them, kept
/// as a bit mask (bit `i` set when list `i` recorded them); nobody is counted in the history
/// of no list, which is what the estimate is for.
public struct CaptureHistories: Sendable, Equatable {
    /// The most lists an estimate takes: 2¹⁰ − 1 histories, as the issue and the peers set.
    public static let maximumLists = 10

    /// The lists' names, in column order.
    public let lists: [String]
    /// `counts[h]` is the number of people with history `h`; `counts[0]` is always 0.
    public let counts: [Int]

    /// Histories from counts by bit mask; a mask naming no list or a list past the last is refused.
    public init(lists: [String], counts: [Int: Int]) throws(EstimationError) {
        guard lists.count >= 2 else { throw .tooFewLists(lists.count) }
        guard lists.count <= Self.maximumLists else { throw .tooManyLists(lists.count) }
        if let repeated = Self.firstRepeated(lists) { throw .repeatedList(repeated) }
        var table = [Int](repeating: 0, count: 1 << lists.count)
        for (history, count) in counts {
            guard history > 0, history < table.count else { throw .historyOutOfRange(history) }
            guard count >= 0 else { throw .negativeCount(row: nil, count) }
            let (sum, overflow) = table[history].addingReportingOverflow(count)
            guard !overflow else { throw .countTooLarge(row: nil) }
            table[history] = sum
        }
        self.lists = lists
        self.counts = table
        guard observed > 0 else { throw .nobodyObserved }
    }

    /// The number of people on at least one list.
    public var observed: Int { counts.reduce(0, +) }

    /// The number of histories a person can have (every combination but none).
    public var cells: Int { counts.count - 1 }

    /// How many people list `i` recorded.
    public func size(ofList i: Int) -> Int {
        counts.indices.filter { $0 & (1 << i) != 0 }.reduce(0) { $0 + counts[$1] }
    }

    static func firstRepeated(_ names: [String]) -> String? {
        var seen = Set<String>()
        return names.first { !seen.insert($0).inserted }
    }
}

/// Why capture histories or an estimate could not be made, in words a user can act on; no
/// message quotes a value beyond the row number and the list's name.
public enum EstimationError: Error, Equatable, Sendable, CustomStringConvertible {
    case tooFewLists(Int)
    case tooManyLists(Int)
    case repeatedList(String)
    case historyOutOfRange(Int)
    case negativeCount(row: Int?, Int)
    case countTooLarge(row: Int?)
    case notZeroOrOne(row: Int, list: String)
    case notACount(row: Int)
    case noListInHistory(row: Int)
    case wrongNumberOfColumns(row: Int, expected: Int, found: Int)
    case emptyInput
    case nobodyObserved
    case unknownList(String)
    case malformedModel(String)
    case modelTooLarge(parameters: Int, cells: Int)
    case noModelFits
    case invalidOption(String)

    public var description: String {
        switch self {
        case .tooFewLists(let n): "an estimate needs at least two lists; the input has \(n)"
        case .tooManyLists(let n): "an estimate takes at most \(CaptureHistories.maximumLists) lists; the input has \(n)"
        case .repeatedList(let name): "the list \"\(name)\" is named twice"
        case .historyOutOfRange(let h): "capture history \(h) names a list the input does not have"
        case .negativeCount(let row, _): "\(Self.at(row))the count is negative"
        case .countTooLarge(let row): "\(Self.at(row))the counts add up to more than can be counted"
        case .notZeroOrOne(let row, let list): "line \(row): the column \"\(list)\" must be 0 or 1"
        case .notACount(let row): "line \(row): the count must be a whole number of people"
        case .noListInHistory(let row): "line \(row): a history on no list cannot be counted (nobody observed is what the estimate is for)"
        case .wrongNumberOfColumns(let row, let expected, let found): "line \(row): expected \(expected) columns, found \(found)"
        case .emptyInput: "the input has no header row"
        case .nobodyObserved: "nobody is on any list"
        case .unknownList(let name): "the model names a list \"\(name)\" the input does not have"
        case .malformedModel(let text): "the model \"\(text)\" is not a list of pairs such as A*B,B*C"
        case .modelTooLarge(let p, let cells): "the model has \(p) parameters but the lists give only \(cells) histories"
        case .noModelFits: "no log-linear model could be fitted: the lists overlap too little (too many combinations of lists recorded nobody)"
        case .invalidOption(let text): text
        }
    }

    private static func at(_ row: Int?) -> String { row.map { "line \($0): " } ?? "" }
}

/// The figures measured on one engine.
struct BenchResult {
    var engine: String
    var bulkSeconds = 0.0
    var singleSeconds = 0.0
    var singleCount = 0
    var unlockSeconds = 0.0
    var searchP50 = 0.0
    var searchP99 = 0.0
    var verifySeconds = 0.0
    var auditEntries = 0

    /// A Markdown table, one column per engine, ready to paste into the README.
    static func table(_ results: [BenchResult], count: Int) -> String {
        func rate(_ n: Int, _ s: Double) -> String { s > 0 ? String(Int((Double(n) / s).rounded())) : "–" }
        var rows: [(String, [String])] = [
            ("bulk intake, \(count) records (records/s)", results.map { rate(count, $0.bulkSeconds) }),
            ("single-record intake (records/s)", results.map { rate($0.singleCount, $0.singleSeconds) }),
            ("unlock: decrypt + index (s)", results.map { format($0.unlockSeconds) }),
            ("search p50 (ms)", results.map { format($0.searchP50) }),
            ("search p99 (ms)", results.map { format($0.searchP99) }),
        ]
        rows.append(("audit verify (s)", results.map { "\(format($0.verifySeconds)) (\($0.auditEntries) entries)" }))
        var out = "| measure | " + results.map(\.engine).joined(separator: " | ") + " |\n"
        out += "|---|" + results.map { _ in "---:|" }.joined() + "\n"
        for (label, values) in rows { out += "| \(label) | " + values.joined(separator: " | ") + " |\n" }
        return out
    }
}

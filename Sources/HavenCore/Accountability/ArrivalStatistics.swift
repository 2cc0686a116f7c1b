import Foundation

/// Official yearly arrival statistics (for example a government's count of North Korean
/// refugees arriving each year, by sex), imported from CSV with their source recorded, to chart
/// beside what was documented. Not personal data: counts only.
public struct ArrivalFigure: Sendable, Equatable, Codable {
    public var year: Int
    public var women: Int
    public var men: Int

    public init(year: Int, women: Int, men: Int) {
        self.year = year
        self.women = women
        self.men = men
    }

    public var total: Int { women + men }
}

/// A CSV of arrival figures that could not be read: the row (1 is the header) and why.
public struct ArrivalCSVError: Error, Sendable, Equatable, CustomStringConvertible {
    public let row: Int
    public let reason: String
    public var description: String { "row \(row): \(reason)" }
    /// The same in Korean, for the pages.
    public var korean: String { "\(row)행: \(reasonKo)" }
    let reasonKo: String
}

extension ArrivalFigure {
    /// Reads `year,women,men` (a header line first, in any order of columns; `total` may be given
    /// and must then add up). Every row is checked before anything is returned: all or none.
    public static func parse(csv: String) throws(ArrivalCSVError) -> [ArrivalFigure] {
        let lines = csv.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard let header = lines.first else { throw ArrivalCSVError(row: 1, reason: "the file is empty", reasonKo: "파일이 비어 있습니다") }
        let columns = header.lowercased().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let year = columns.firstIndex(of: "year"), let women = columns.firstIndex(of: "women"), let men = columns.firstIndex(of: "men") else {
            throw ArrivalCSVError(row: 1, reason: "the header must name the columns year, women and men", reasonKo: "머리글에 year, women, men 열이 있어야 합니다")
        }
        let total = columns.firstIndex(of: "total")
        guard lines.count <= 201 else { throw ArrivalCSVError(row: 202, reason: "more than 200 years", reasonKo: "200년보다 많습니다") }
        var figures: [ArrivalFigure] = []
        for (offset, line) in lines.dropFirst().enumerated() {
            let row = offset + 2
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            func number(_ index: Int, _ name: String) throws(ArrivalCSVError) -> Int {
                guard index < cells.count, let value = Int(cells[index]), value >= 0, value <= 10_000_000 else {
                    throw ArrivalCSVError(row: row, reason: "\(name) must be a whole number from 0 to 10000000", reasonKo: "\(name)은(는) 0에서 10000000 사이의 정수여야 합니다")
                }
                return value
            }
            let figure = ArrivalFigure(year: try number(year, "year"), women: try number(women, "women"), men: try number(men, "men"))
            guard (1990...2100).contains(figure.year) else {
                throw ArrivalCSVError(row: row, reason: "year must be from 1990 to 2100", reasonKo: "연도는 1990–2100이어야 합니다")
            }
            if let total, try number(total, "total") != figure.total {
                throw ArrivalCSVError(row: row, reason: "total is not women plus men", reasonKo: "total이 women과 men의 합과 다릅니다")
            }
            if figures.contains(where: { $0.year == figure.year }) {
                throw ArrivalCSVError(row: row, reason: "the year \(figure.year) appears twice", reasonKo: "\(figure.year)년이 두 번 나옵니다")
            }
            figures.append(figure)
        }
        guard !figures.isEmpty else { throw ArrivalCSVError(row: 2, reason: "no figures after the header", reasonKo: "머리글 다음에 수치가 없습니다") }
        return figures.sorted { $0.year < $1.year }
    }
}

import Foundation

/// The thresholds behind every indicator and flag Haven raises, in one document an
/// organisation can set for itself (`haven serve --thresholds FILE`, JSON). Anything the file
/// leaves out keeps its default.
public struct AccountabilityThresholds: Sendable, Equatable, Codable {
    public var trap: TrapThresholds
    public var risk: RiskThresholds
    /// Figures shown to a role below analyst, or exported for sharing, withhold counts from 1 to
    /// this − 1 (1 withholds nothing).
    public var suppressBelow: Int

    public init(trap: TrapThresholds = .init(), risk: RiskThresholds = .init(), suppressBelow: Int = 5) {
        self.trap = trap
        self.risk = risk
        self.suppressBelow = suppressBelow
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        trap = try c.decodeIfPresent(TrapThresholds.self, forKey: .trap) ?? .init()
        risk = try c.decodeIfPresent(RiskThresholds.self, forKey: .risk) ?? .init()
        suppressBelow = try c.decodeIfPresent(Int.self, forKey: .suppressBelow) ?? 5
        guard suppressBelow >= 1 else {
            throw DecodingError.dataCorruptedError(forKey: .suppressBelow, in: c, debugDescription: "suppressBelow must be 1 or more")
        }
    }

    /// Reads a thresholds file, naming what is wrong with it.
    public static func read(_ data: Data) throws -> AccountabilityThresholds {
        do {
            return try JSONDecoder().decode(AccountabilityThresholds.self, from: data)
        } catch {
            throw ThresholdsError(reason: "the thresholds file is not valid: \(error)")
        }
    }
}

/// A thresholds file that could not be read.
public struct ThresholdsError: Error, Sendable, CustomStringConvertible {
    public let reason: String
    public var description: String { reason }
}

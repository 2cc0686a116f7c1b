/// One term of a vocabulary, as the API and pages list it.
public struct VocabularyTerm: Sendable, Codable, Equatable {
    /// The stable code.
    public let code: String
    /// The labels.
    public let label: LocalizedLabel
    /// The HURIDOCS term adopted, if any.
    public let huridocs: HuridocsReference?
}

/// Every controlled vocabulary Haven has.
public enum Vocabularies {
    /// The vocabulary types.
    public static let all: [any Vocabulary.Type] = [
        RecordKind.self, ActType.self, VictimStatus.self, VerificationStatus.self, DatePrecision.self, Sex.self,
        NameScript.self, NameSystem.self, FamilyRelation.self, OrganisationKind.self, InvolvementRole.self,
        InvolvementDegree.self, SourceKind.self, SourceConnection.self, Reliability.self, Credibility.self,
        InterventionChannel.self, InterventionResponse.self, InterventionStatus.self, Priority.self,
        ContactInitiator.self, RescueStatus.self, PlaceKind.self, VerificationItem.self, TrapIndicatorKind.self, RiskFlagKind.self, AgeGroup.self,
    ]

    /// Every vocabulary's terms, by vocabulary name.
    public static func terms() -> [String: [VocabularyTerm]] {
        Dictionary(uniqueKeysWithValues: all.map { ($0.vocabularyName, terms(of: $0)) })
    }

    private static func terms<V: Vocabulary>(of type: V.Type) -> [VocabularyTerm] {
        V.allCases.map { VocabularyTerm(code: $0.code, label: $0.label, huridocs: $0.huridocs) }
    }
}

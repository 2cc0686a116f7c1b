import HavenCore

/// What the pages call each compartment: the label the organisation gave it
/// (`haven compartment label`) in the reader's language, the default compartment by a word,
/// and any other by its code, which is what the organisation named it.
struct CompartmentNames: Sendable, Equatable {
    var labels: [String: LocalizedLabel] = [:]

    static let defaultLabel = LocalizedLabel(en: "Default", ko: "기본 구획")

    func name(_ code: String, _ language: Language) -> String {
        if let label = labels[code] { return language(label) }
        return code == Compartment.default ? language(Self.defaultLabel) : code
    }
}

/// A compartment a form or filter offers: its code (what is posted) and its name (what is shown).
struct CompartmentOption: Sendable, Equatable {
    var code: String
    var name: String
}

extension CompartmentNames {
    /// The compartments as a form offers them, in the order given.
    func options(_ codes: [String], _ language: Language) -> [CompartmentOption] {
        codes.map { CompartmentOption(code: $0, name: name($0, language)) }
    }
}

import HavenCore

extension ProblemText {
    /// The message in the reader's language: Korean where it is known, else as it is.
    static func localized(_ message: String, _ language: Language) -> String {
        language == .ko ? korean(message) ?? message : message
    }
}

import ArgumentParser
import HavenCore
import HavenStore

/// `haven compartment`: what the pages call each compartment.
struct CompartmentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compartment",
        abstract: "Name compartments for the pages: label, list.",
        discussion: """
        A compartment's code (seoul, north-office) is what accounts are granted and records carry;
        its label is what the web pages show, in Korean and English. Unlabelled compartments are
        shown by their code, the default one as 기본 구획 / Default.

        Example:
          haven compartment label --data /srv/haven north --ko "북부 사무소" --en "North office"
        """,
        subcommands: [CompartmentLabelCommand.self, CompartmentList.self]
    )
}

/// `haven compartment label`: gives a compartment its Korean and English label, or removes it.
struct CompartmentLabelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "label",
        abstract: "Give a compartment a label in Korean and English (--remove to go back to its code).",
        discussion: """
        Labels name teams and offices, not people: they are kept unsealed, and the change is
        written to the audit log.

        Example:
          haven compartment label --data /srv/haven north --ko "북부 사무소" --en "North office"
        """
    )

    @OptionGroup var vault: VaultOptions
    @Argument(help: "The compartment's code.") var code: String
    @Option(help: "The label in Korean.") var ko: String?
    @Option(help: "The label in English.") var en: String?
    @Flag(help: "Remove the label.") var remove = false

    func validate() throws {
        if remove != (ko == nil && en == nil) { throw ValidationError("give --ko and --en, or --remove") }
        if !remove && (ko == nil || en == nil) { throw ValidationError("give both --ko and --en") }
    }

    func run() async throws {
        let label = remove ? nil : ko.flatMap { ko in en.map { LocalizedLabel(en: $0, ko: ko) } }
        try await vault.withUnlocked(as: .localOperator) { store, _ in
            do {
                try await store.labelCompartment(code, label, by: .localOperator)
            } catch StoreError.invalid(let invalid) {
                throw CLIError(invalid.problems.map { "\($0.field): \($0.message)" }.joined(separator: "; "))
            }
        }
        print(label.map { "\(code): \($0.ko) / \($0.en)" } ?? "\(code): label removed / 이름을 지웠습니다")
    }
}

/// `haven compartment list`: the compartments that hold records or accounts, with their labels.
struct CompartmentList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the compartments accounts are granted, with their labels."
    )

    @OptionGroup var vault: VaultOptions

    func run() async throws {
        try await vault.withUnlocked(as: .localOperator) { store, _ in
            let labels = try await store.compartmentLabels()
            let granted = Set(try await store.accounts().flatMap(\.account.compartments))
            for code in granted.union(labels.keys).sorted() {
                print([code, labels[code]?.ko ?? "—", labels[code]?.en ?? "—"].joined(separator: "\t"))
            }
        }
    }
}

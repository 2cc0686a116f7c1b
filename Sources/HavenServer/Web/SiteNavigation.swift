import HavenCore

/// The navigation bar on every page of a set-up account: the records, the reports, the
/// duplicate review and imports, and the three forms, as far as the role may open them; the
/// page the reader is on is marked (`aria-current`).
struct SiteNavigation {
    let role: Role
    /// The path of the page shown.
    let path: String

    /// The links the role may follow, in the order an officer's day runs.
    var links: [(path: String, label: LocalizedLabel)] {
        guard role.allows(.readRecords) else { return [("/", WebText.home)] }
        var links: [(String, LocalizedLabel)] = [("/", WebText.home), ("/records", WebText.records)]
        if role.allows(.writeRecords) {
            links += [("/records/event/new", WebText.newIncident), ("/records/rescue_request/new", WebText.newRescueRequest),
                      ("/records/intervention/new", WebText.newIntervention)]
        }
        links += [("/reports/brokers", WebText.brokerRecords), ("/reports/parties", WebText.partyResponses),
                  ("/reports/trends", WebText.trends), ("/reports/statistics", WebText.statistics)]
        if role.allows(.analyse) { links.append(("/reports/estimates", WebText.estimates)) }
        if role.allows(.writeRecords) && role.allows(.readProtected) {
            links += [("/duplicates", WebText.duplicates), ("/imports", ImportText.imports)]
        }
        return links
    }

    func render(_ language: Language) -> HTML {
        let here = path.split(separator: "?").first.map(String.init) ?? path
        return .element("nav", ["class": "site", "aria-label": language(WebText.mainNavigation)], [
            .element("ul", [:], links.map { link in
                .element("li", [:], [.element("a", ["href": link.path, "aria-current": link.path == here ? "page" : nil], [.text(language(link.label))])])
            }),
        ])
    }
}

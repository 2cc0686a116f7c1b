import HavenCore
import Hummingbird

/// Reference data that holds nothing personal: vocabularies, the gazetteer, health.
struct ReferenceController: Controller {
    let environment: AppEnvironment

    var routes: [Route] {
        [
            Route(.get, "/api/vocabularies", .permission(.readReference),
                  api: .init("Every controlled vocabulary with Korean and English labels", response: .of([String: [VocabularyTerm]].self))) { _, _ in
                try jsonResponse(Vocabularies.terms(), status: .ok)
            },
            Route(.get, "/api/gazetteer", .permission(.readReference),
                  api: .init("The shipped gazetteer of places, or those whose names contain q",
                             query: [QueryParameter("q", "part of a place name in Hangul, Chinese or Latin letters")],
                             response: .of(ItemList<Place>.self))) { request, _ in
                let places = QueryString.fields(request.uri).get("q").map { Gazetteer.shared.search($0) } ?? Gazetteer.shared.places
                return try jsonResponse(ItemList(places), status: .ok)
            },
        ]
    }
}

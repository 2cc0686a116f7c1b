import HavenCore
import Hummingbird

/// Reference data that holds nothing personal: vocabularies, the gazetteer, health.
struct ReferenceController: Sendable {
    func addRoutes(to group: RouterGroup<HavenRequestContext>) {
        group.get("vocabularies") { _, _ in try jsonResponse(Vocabularies.terms(), status: .ok) }
        group.get("gazetteer") { request, _ in
            let places = QueryString.fields(request.uri).get("q").map { Gazetteer.shared.search($0) } ?? Gazetteer.shared.places
            return try jsonResponse(["items": places], status: .ok)
        }
    }
}

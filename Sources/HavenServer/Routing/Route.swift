public import HavenCore
import HTTPTypes
import Hummingbird

/// What a route asks of the caller. Deny by default: a request the route table does not know is
/// refused before any handler runs.
public enum Requirement: Sendable, Equatable {
    /// Anyone, signed in or not: health, the OpenAPI document, signing in.
    case anyone
    /// A signed-in session, also one that is still enrolling (own account routes).
    case signedIn
    /// A fully signed-in session whose role grants the permission.
    case permission(Permission)
}

/// One route, declared once: its method and path, what it asks of the caller and, for the JSON
/// API, how ``OpenAPIDocument`` describes it. ``RouteTable`` mounts the handler, ``AuthMiddleware``
/// applies the requirement, and the document is written from the same value, so that the three
/// cannot drift apart.
struct Route: Sendable {
    typealias Handler = @Sendable (Request, HavenRequestContext) async throws -> Response

    /// The HTTP method.
    let method: HTTPRequest.Method
    /// The path with `{name}` parameters, as Hummingbird reports it in `context.endpointPath`.
    let path: String
    /// Who may call it.
    let requirement: Requirement
    /// How the OpenAPI document describes it; nil for a web page.
    let api: APIOperation?
    /// The largest `multipart/form-data` body it takes, in bytes, for a route that takes a file
    /// from a browser form; nil for every other route, which is sent no multipart body.
    let uploadLimit: Int?
    /// What answers.
    let handler: Handler

    /// Declares a route whose handler returns anything Hummingbird can answer with: a `Response`,
    /// an HTML page, or an `Encodable` value that is ``JSONResponse``.
    init<Output: ResponseGenerator>(_ method: HTTPRequest.Method, _ path: String, _ requirement: Requirement, api: APIOperation? = nil,
                                    upload uploadLimit: Int? = nil, _ handler: @escaping @Sendable (Request, HavenRequestContext) async throws -> Output) {
        precondition(path.hasPrefix("/"), "route paths start with a slash: \(path)")
        precondition(api == nil || path.hasPrefix("/api/") || path == "/health" || path == "/openapi.json",
                     "only the JSON API is described in the OpenAPI document: \(path)")
        self.method = method
        self.path = path
        self.requirement = requirement
        self.api = api
        self.uploadLimit = uploadLimit
        self.handler = { request, context in try await handler(request, context).response(from: request, context: context) }
    }

    /// `GET /path`, for messages and tests.
    var name: String { "\(method.rawValue) \(path)" }
}

/// The OpenAPI description of one operation of the JSON API.
struct APIOperation: Sendable {
    /// One line saying what the operation does.
    let summary: String
    /// The query parameters it reads.
    let query: [QueryParameter]
    /// The JSON body it takes, if any.
    let body: SchemaSource?
    /// The status of a success.
    let status: HTTPResponse.Status
    /// The JSON it answers a success with; nil for no body.
    let response: SchemaSource?
    /// The values `{kind}` takes in the path, when the path has one.
    let kinds: [String]?

    /// Describes an operation; its request body and response are usually Swift types whose
    /// schemas ``SchemaDecoder`` derives (`.of(SignInBody.self)`).
    init(_ summary: String, query: [QueryParameter] = [], body: SchemaSource? = nil, status: HTTPResponse.Status = .ok,
         response: SchemaSource?, kinds: [String]? = nil) {
        self.summary = summary
        self.query = query
        self.body = body
        self.status = status
        self.response = response
        self.kinds = kinds
    }
}

/// A schema, derived when the document is written.
struct SchemaSource: Sendable {
    /// The type's name, for a derivation error.
    let name: String
    let derive: @Sendable () throws -> Schema

    /// The schema of a Swift type, derived from its decoding or stated by the type.
    static func of(_ type: any Any.Type) -> SchemaSource {
        SchemaSource(name: String(describing: type)) { try SchemaDecoder.schema(of: type) }
    }

    /// A schema given as it is (a record kind's component).
    static func schema(_ schema: Schema) -> SchemaSource {
        SchemaSource(name: "schema") { schema }
    }
}

/// A query parameter of an API operation.
struct QueryParameter: Sendable {
    let name: String
    let description: String
    let required: Bool
    let schema: Schema

    init(_ name: String, _ description: String, required: Bool = false, schema: Schema = .string()) {
        self.name = name
        self.description = description
        self.required = required
        self.schema = schema
    }
}

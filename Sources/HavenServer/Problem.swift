import Foundation
public import HavenCore
public import Hummingbird

/// An RFC 9457 problem detail, the body of every error response (`application/problem+json`).
/// Messages name the problem and the field, in English and Korean, and never quote a protected value.
public struct Problem: Error, Sendable, Codable, Equatable {
    /// A URI naming the problem type.
    public var type: String
    /// A short English summary.
    public var title: String
    /// The same summary in Korean.
    public var titleKo: String
    /// The HTTP status code.
    public var status: Int
    /// A longer English explanation.
    public var detail: String?
    /// Each field at fault.
    public var errors: [FieldProblem]?
    /// Seconds to wait before retrying (429 and 503), sent as `Retry-After`, not in the body.
    public var retryAfter: Int?

    enum CodingKeys: String, CodingKey { case type, title, titleKo, status, detail, errors }

    /// Creates a problem.
    public init(status: HTTPResponse.Status, title: String, titleKo: String, detail: String? = nil,
                errors: [FieldProblem]? = nil, type: String? = nil) {
        self.type = type ?? "https://haven.invalid/problems/\(status.code)"
        self.title = title
        self.titleKo = titleKo
        self.status = status.code
        self.detail = detail
        self.errors = errors
        self.retryAfter = nil
    }

    /// The response carrying this problem.
    public func response() -> Response {
        let body = (try? HavenJSON.encoder().encode(self)) ?? Data(#"{"title":"error"}"#.utf8)
        var headers: HTTPFields = [.contentType: "application/problem+json; charset=utf-8"]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

extension Problem {
    static func invalid(_ problems: [FieldProblem], detail: String? = nil) -> Problem {
        Problem(status: .unprocessableContent, title: "The input is not valid", titleKo: "입력값이 올바르지 않습니다",
                detail: detail ?? problems.map { "\($0.field): \($0.message)" }.joined(separator: "; "), errors: problems)
    }

    static func badRequest(_ detail: String, field: String? = nil) -> Problem {
        Problem(status: .badRequest, title: "The request could not be read", titleKo: "요청을 읽을 수 없습니다",
                detail: detail, errors: field.map { [FieldProblem(field: $0, message: detail)] })
    }

    static func notFound(_ detail: String) -> Problem {
        Problem(status: .notFound, title: "Not found", titleKo: "찾을 수 없습니다", detail: detail)
    }

    /// Builds the problem for a decoding failure, naming the field by its JSON path.
    static func decoding(_ error: DecodingError) -> Problem {
        func path(_ codingPath: [any CodingKey], _ key: (any CodingKey)? = nil) -> String {
            let keys = codingPath + (key.map { [$0] } ?? [])
            var text = ""
            for k in keys {
                if let i = k.intValue { text += "[\(i)]" } else { text += text.isEmpty ? k.stringValue : ".\(k.stringValue)" }
            }
            return text.isEmpty ? "(body)" : text
        }
        switch error {
        case .keyNotFound(let key, let context):
            let field = path(context.codingPath, key)
            return .invalid([FieldProblem(field: field, message: "is required")])
        case .typeMismatch(let type, let context):
            let field = path(context.codingPath)
            return .invalid([FieldProblem(field: field, message: "has the wrong type; expected \(describe(type))")])
        case .valueNotFound(let type, let context):
            let field = path(context.codingPath)
            return .invalid([FieldProblem(field: field, message: "must not be null; expected \(describe(type))")])
        case .dataCorrupted(let context):
            let field = path(context.codingPath)
            if context.codingPath.isEmpty {
                return .badRequest("the body is not valid JSON")
            }
            return .invalid([FieldProblem(field: field, message: context.debugDescription)])
        @unknown default:
            return .badRequest("the body could not be decoded")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is [Any].Type: "an array"
        default: String(describing: type).contains("Dictionary") ? "an object" : "a value of the documented type"
        }
    }
}

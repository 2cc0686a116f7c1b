import HavenCore
import HavenReports
import HavenStore
public import Hummingbird
import Logging
import NIOCore

/// Turns every error into an RFC 9457 problem response, so that no stack trace, driver message
/// or protected value reaches a client, and logs only the error's type.
public struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Creates the middleware.
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let problem = Self.problem(from: error, logger: context.logger)
            // Pages answer in HTML, in the reader's language; the API in problem+json.
            guard ErrorPage.isPage(request.uri.path) else { return problem.response() }
            return ErrorPage(problem: problem).response(PageController.language(request))
        }
    }

    /// The problem an error stands for; anything unforeseen is logged by its type only.
    static func problem(from error: any Error, logger: Logger) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case let error as StoreError:
            return Self.problem(for: error)
        case let error as ReportQueryError:
            return Problem.badRequest(error.message, field: error.field)
        case let error as HTTPError:
            if error.status == .contentTooLarge {
                return Problem(status: .contentTooLarge, title: "The body is too large", titleKo: "요청 본문이 너무 큽니다",
                               detail: "the request body is larger than the server accepts")
            }
            return Problem(status: error.status, title: error.status.reasonPhrase, titleKo: "요청을 처리할 수 없습니다")
        case is NIOTooManyBytesError:
            return Problem(status: .contentTooLarge, title: "The body is too large", titleKo: "요청 본문이 너무 큽니다",
                           detail: "the request body is larger than the server accepts")
        case let error as DecodingError:
            return Problem.decoding(error)
        default:
            logger.error("request failed", metadata: ["error-type": "\(type(of: error))"])
            return Problem(status: .internalServerError, title: "Something went wrong", titleKo: "오류가 발생했습니다",
                           detail: "the error was logged without its data; try again or tell the operator")
        }
    }

    static func problem(for error: StoreError) -> Problem {
        switch error {
        case .invalid(let validation):
            return .invalid(validation.problems)
        case .invalidInBatch(let index, let validation):
            return .invalid(validation.problems, detail: error.description + " (record \(index + 1))")
        case .notFound, .noSuchAccount, .noSuchExportRequest, .noSuchAPIToken, .noSuchImportBatch, .noSuchImportMapping:
            return .notFound(error.description)
        case .alreadyExists, .versionConflict:
            return Problem(status: .conflict, title: "Conflict", titleKo: "충돌", detail: error.description)
        case .locked, .notInitialised:
            return Problem(status: .serviceUnavailable, title: "The vault is locked", titleKo: "보관소가 잠겨 있습니다", detail: error.description)
        case .forbidden:
            return Problem(status: .forbidden, title: "Your role does not allow this", titleKo: "역할에 허용되지 않은 작업입니다",
                           detail: error.description)
        case .wrongKey, .alreadyInitialised:
            return Problem(status: .forbidden, title: "Refused", titleKo: "거부됨", detail: error.description)
        case .busy:
            return Problem(status: .serviceUnavailable, title: "Busy", titleKo: "처리 중", detail: error.description)
        case .unavailable:
            var problem = Problem(status: .serviceUnavailable, title: "The database is unavailable", titleKo: "데이터베이스를 쓸 수 없습니다",
                                  detail: error.description)
            problem.retryAfter = 5
            return problem
        case .corrupt, .database:
            return Problem(status: .internalServerError, title: "Storage error", titleKo: "저장소 오류", detail: error.description)
        }
    }
}

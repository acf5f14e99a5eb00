import Hummingbird
import NIOCore

/// Outermost middleware: times the request and writes its access-log line once the response is
/// built (the body of every response this server writes is a complete buffer, so its size is known).
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = FunctionRequestContext

    let log: AccessLog

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = NIODeadline.now()
        let status: Int
        let bytes: Int
        let response: Response
        do {
            response = try await next(request, context)
            status = response.status.code
            bytes = response.body.contentLength ?? 0
        } catch {
            // Errors thrown below (a body read that failed mid-way) are turned into responses by
            // Hummingbird; log the status it will send.
            status = (error as? any HTTPResponseError)?.status.code ?? 500
            record(request, context: context, status: status, bytes: 0, start: start)
            throw error
        }
        record(request, context: context, status: status, bytes: bytes, start: start)
        return response
    }

    private func record(_ request: Request, context: Context, status: Int, bytes: Int, start: NIODeadline) {
        log.record(AccessLogEntry(
            remoteAddress: context.remoteAddress?.ipAddress ?? "-",
            method: request.method.rawValue,
            uri: request.uri.string,
            status: status,
            bytes: bytes,
            referer: request.headers[.referer] ?? "",
            userAgent: request.headers[.userAgent] ?? "",
            durationMicroseconds: (NIODeadline.now() - start).nanoseconds / 1000))
    }
}

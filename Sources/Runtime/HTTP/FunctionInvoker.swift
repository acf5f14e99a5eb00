import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// The function route: reads the body (bounded), hands the request to a worker, and turns the
/// worker's answer — or its absence — into the HTTP response and the metrics.
///
/// Status codes the server itself decides:
/// 503 not loaded (yet), 413 body over the limit, 400 JSON body that does not parse,
/// 500 the function raised, 408 FUNC_TIMEOUT passed, 502 the worker died while answering.
struct FunctionInvoker: Sendable {
    let pool: WorkerPool
    let metrics: FunctionMetrics
    let timeout: TimeAmount
    let timeoutText: String
    let maxBodyBytes: Int
    let logger: Logger

    func invoke(_ request: Request, context: FunctionRequestContext) async -> Response {
        guard let series = metrics.method(request.method.rawValue) else {
            return PlainText.response(
                .methodNotAllowed, "Method Not Allowed: the function accepts \(FunctionMetrics.methods.joined(separator: ", "))",
                headers: [.allow: CORSMiddleware<FunctionRequestContext>.allowedMethods])
        }
        switch pool.health {
        case .ready: break
        case .loading: return PlainText.response(.serviceUnavailable, "Service Unavailable: the function is still loading")
        case .failed(let reason): return PlainText.response(.serviceUnavailable, "Service Unavailable: \(reason)")
        }
        var request = request
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > maxBodyBytes {
            return tooLarge()
        }
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: maxBodyBytes)
        } catch is NIOTooManyBytesError {
            return tooLarge()
        } catch {
            return PlainText.response(.badRequest, "Bad Request: the body could not be read (\(error))")
        }

        let frame = WorkerRequest(
            method: request.method.rawValue,
            path: request.uri.path,
            query: request.uri.query ?? "",
            headers: request.headers.map { ($0.name.canonicalName, $0.value) },
            bodyIsJSON: body.readableBytes > 0 && jsonMediaType(request.headers[.contentType]),
            body: body
        ).encode(allocator: ByteBufferAllocator())

        series.calls.increment()
        let start = NIODeadline.now()
        defer { series.duration.recordNanoseconds((NIODeadline.now() - start).nanoseconds) }
        do {
            let message = try await pool.invoke(frame, deadline: start + timeout)
            return response(for: message, series: series, isHead: request.method == .head)
        } catch PoolError.timedOut, WorkerCallError.timedOut {
            series.timeouts.increment()
            logger.warning("function timed out", metadata: ["method": "\(request.method)", "path": "\(request.uri.path)"])
            return PlainText.response(.requestTimeout, "Timeout exceeded: the function did not answer within \(timeoutText)")
        } catch WorkerCallError.exited(let reason) {
            series.failures.increment()
            logger.error("worker failed during a request: \(reason)", metadata: ["path": "\(request.uri.path)"])
            return PlainText.response(.badGateway, "Bad Gateway: the function's worker stopped while handling the request (\(reason))")
        } catch PoolError.unavailable(let reason) {
            return PlainText.response(.serviceUnavailable, "Service Unavailable: \(reason)")
        } catch {
            series.failures.increment()
            logger.error("unexpected error invoking the function: \(error)")
            return PlainText.response(.internalServerError, "Internal Server Error")
        }
    }

    private func response(for message: WorkerMessage, series: FunctionMetrics.PerMethod, isHead: Bool) -> Response {
        switch message {
        case .result(let result):
            var headers = HTTPFields()
            for header in result.headers {
                guard let name = HTTPField.Name(header.name) else {
                    logger.warning("ignoring an invalid response header name from the function: \(header.name)")
                    continue
                }
                headers.append(HTTPField(name: name, value: header.value))
            }
            let status = (100...599).contains(result.status) ? result.status : 500
            guard !isHead else {
                // HEAD runs the function like GET (as in Kubeless) but the body must not be sent.
                headers[.contentLength] = String(result.body.readableBytes)
                return Response(status: .init(code: status), headers: headers)
            }
            return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: result.body))
        case .functionError(let summary):
            series.failures.increment()
            return PlainText.response(.internalServerError, "Internal Server Error: \(summary)")
        case .badRequest(let reason):
            return PlainText.response(.badRequest, "Bad Request: \(reason)")
        case .ready, .loadError:
            series.failures.increment()
            return PlainText.response(.badGateway, "Bad Gateway: the worker answered out of turn")
        }
    }

    private func tooLarge() -> Response {
        PlainText.response(
            .contentTooLarge,
            "Payload Too Large: the body exceeds \(maxBodyBytes) bytes (FUNC_MAX_BODY_BYTES)",
            headers: [.connection: "close"])
    }
}

/// `application/json` with or without parameters (`; charset=utf-8`), and structured `+json`
/// types (`application/cloudevents+json`), case-insensitively. Kubeless Python parsed only the exact
/// `application/json`, which surprised clients that add a charset.
func jsonMediaType(_ contentType: String?) -> Bool {
    guard let contentType else { return false }
    let mediaType = contentType.split(separator: ";", maxSplits: 1).first.map {
        $0.trimmingCharacters(in: .whitespaces).lowercased()
    } ?? ""
    return mediaType == "application/json" || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+json"))
}

import Hummingbird
import NIOCore

/// Routes without a router: `GET /healthz` and `GET /metrics` are the server's, everything else
/// (any path, `POST /healthz` included, as in the Kubeless Python runtime) belongs to the function.
/// Two string comparisons per request are all the routing this contract needs.
struct FunctionResponder: HTTPResponder {
    typealias Context = FunctionRequestContext

    let health: @Sendable () -> FunctionHealth
    let metrics: FunctionMetrics
    let invoker: FunctionInvoker?

    func respond(to request: Request, context: Context) async throws -> Response {
        if request.method == .get {
            switch request.uri.path {
            case "/healthz": return healthz()
            case "/metrics": return prometheus()
            default: break
            }
        }
        guard let invoker else {
            if case .failed(let reason) = health() {
                return PlainText.response(.serviceUnavailable, "Service Unavailable: \(reason)")
            }
            return PlainText.response(.serviceUnavailable, "Service Unavailable")
        }
        return await invoker.invoke(request, context: context)
    }

    private func healthz() -> Response {
        switch health() {
        case .ready: PlainText.response(.ok, "OK")
        case .loading: PlainText.response(.serviceUnavailable, "loading: the function is not loaded yet")
        case .failed(let reason): PlainText.response(.serviceUnavailable, "failed: \(reason)")
        }
    }

    private func prometheus() -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: metrics.render())))
    }
}

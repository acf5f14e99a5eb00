import Hummingbird
import NIOCore

/// The request context: Hummingbird's core storage plus the peer address for the access log
/// (read once from the channel, which caches it).
public struct FunctionRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }
}

/// A middleware in front of a responder, composed statically so the chain costs no existential
/// calls per request.
struct Chained<Middleware: RouterMiddleware, Next: HTTPResponder>: HTTPResponder
where Middleware.Context == Next.Context {
    let middleware: Middleware
    let next: Next

    func respond(to request: Request, context: Next.Context) async throws -> Response {
        try await middleware.handle(request, context: context) { request, context in
            try await next.respond(to: request, context: context)
        }
    }
}

/// Plain-text answers the server writes itself (errors, health); every one of them is
/// `text/plain; charset=utf-8` and says in one line what happened.
enum PlainText {
    static func response(_ status: HTTPResponse.Status, _ text: String, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

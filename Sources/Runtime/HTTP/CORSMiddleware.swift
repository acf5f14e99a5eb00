import Hummingbird

/// CORS as the Kubeless Node.js and Go runtimes do it: any origin may call the function, and an
/// OPTIONS request is answered as a preflight (echoing the requested method and headers) without
/// invoking the function. A header the function set itself is left alone.
struct CORSMiddleware<Context: RequestContext>: RouterMiddleware {
    static var allowedMethods: String { "GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS" }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard request.method != .options else {
            var headers: HTTPFields = [.accessControlAllowOrigin: "*", .contentLength: "0"]
            headers[.accessControlAllowMethods] = request.headers[.accessControlRequestMethod] ?? Self.allowedMethods
            if let requested = request.headers[.accessControlRequestHeaders] {
                headers[.accessControlAllowHeaders] = requested
            }
            headers[.accessControlMaxAge] = "86400"
            return Response(status: .ok, headers: headers)
        }
        var response = try await next(request, context)
        if response.headers[.accessControlAllowOrigin] == nil {
            response.headers[.accessControlAllowOrigin] = "*"
        }
        return response
    }
}

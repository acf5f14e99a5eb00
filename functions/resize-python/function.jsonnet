// HTTP through traefik with a path prefix (stripped by a Middleware) and ACME TLS.
{
  runtime: 'python3.11',
  handler: 'resize.handler',
  http: { host: 'images.example.com', path: '/resize', gateway: 'traefik', tlsAcme: true },
  verify: [
    { name: 'reports the size', method: 'GET', path: '/?width=64', expect: { status: 200, json: { width: 64 } } },
  ],
}

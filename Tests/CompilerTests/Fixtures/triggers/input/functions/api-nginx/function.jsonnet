// nginx: path rewrite, CORS, basic auth, a TLS secret, a custom ingress class.
{ runtime: 'python3.12', handler: 'main.handler',
  http: { host: 'api.example.com', path: '/v1/orders', cors: true, basicAuthSecret: 'api-users', tlsSecret: 'api-tls', ingressClassName: 'nginx-public' } }

// traefik: Middleware objects for strip-prefix, basic auth and CORS; ACME TLS.
{ runtime: 'python3.12', handler: 'main.handler',
  http: { host: 'traefik.example.com', path: '/fn', gateway: 'traefik', tlsAcme: true, basicAuthSecret: 'users', cors: true } }

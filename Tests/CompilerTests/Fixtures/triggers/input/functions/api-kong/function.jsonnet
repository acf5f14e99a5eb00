// kong: strip-path and a cors KongPlugin, at the root path with no TLS.
{ runtime: 'python3.12', handler: 'main.handler', port: 9090,
  http: { host: 'kong.example.com', path: '/kong', gateway: 'kong', cors: true } }

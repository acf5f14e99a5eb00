{
  runtime: 'python3.12',
  handler: 'hello.handler',
  http: { host: 'api.example.com', tlsSecret: 'api-tls', tlsAcme: true },
}

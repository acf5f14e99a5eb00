{
  runtime: 'python3.12',
  handler: 'hello.handler',
  http: { host: 'my_host' },
}

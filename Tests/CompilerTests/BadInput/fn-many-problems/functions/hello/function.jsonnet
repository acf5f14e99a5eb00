{
  runtime: 'python3.12',
  handler: 'hello',
  timeout: 0,
  port: 0,
  replicas: -1,
}

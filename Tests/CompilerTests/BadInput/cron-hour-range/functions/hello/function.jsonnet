{
  runtime: 'python3.12',
  handler: 'hello.handler',
  schedule: '0 25 * * *',
}

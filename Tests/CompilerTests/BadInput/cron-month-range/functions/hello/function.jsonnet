{
  runtime: 'python3.12',
  handler: 'hello.handler',
  schedule: '0 0 1 13 *',
}

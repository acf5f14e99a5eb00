{
  runtime: 'python3.12',
  handler: 'hello.handler',
  env: { FUNC_TIMEOUT: '10' },
}

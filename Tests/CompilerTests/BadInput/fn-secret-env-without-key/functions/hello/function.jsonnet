{
  runtime: 'python3.12',
  handler: 'hello.handler',
  secretEnv: { API_TOKEN: { secret: 'api' } },
}

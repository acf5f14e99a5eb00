{
  runtime: 'python3.12',
  handler: 'hello.handler',
  env: { DB_PASSWORD: 'hunter2' },
}

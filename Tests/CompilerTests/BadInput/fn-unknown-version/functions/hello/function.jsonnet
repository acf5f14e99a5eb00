{
  runtime: 'python3.9',
  handler: 'hello.handler',
}

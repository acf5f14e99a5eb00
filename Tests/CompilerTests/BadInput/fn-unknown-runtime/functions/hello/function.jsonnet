{
  runtime: 'pyton3.12',
  handler: 'hello.handler',
}

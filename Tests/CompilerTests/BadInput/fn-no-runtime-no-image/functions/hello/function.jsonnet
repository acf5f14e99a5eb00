{
  handler: 'hello.handler',
}

{
  name: 'Hello_World',
  runtime: 'python3.12',
  handler: 'hello.handler',
}

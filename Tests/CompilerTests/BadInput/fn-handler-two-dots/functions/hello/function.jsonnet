{
  runtime: 'python3.12',
  handler: 'pkg.hello.handler',
}

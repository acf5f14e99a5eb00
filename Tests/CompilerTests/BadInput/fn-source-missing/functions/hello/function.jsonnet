{
  runtime: 'python3.12',
  handler: 'main.handler',
}

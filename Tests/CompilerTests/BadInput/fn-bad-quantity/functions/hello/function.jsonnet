{
  runtime: 'python3.12',
  handler: 'hello.handler',
  resources: { memory: '12 MB' },
}

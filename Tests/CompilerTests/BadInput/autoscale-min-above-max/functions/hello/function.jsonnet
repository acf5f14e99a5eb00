{
  runtime: 'python3.12',
  handler: 'hello.handler',
  autoscale: { min: 5, max: 2 },
}

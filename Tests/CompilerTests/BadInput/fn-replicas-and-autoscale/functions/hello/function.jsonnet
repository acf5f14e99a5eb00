{
  runtime: 'python3.12',
  handler: 'hello.handler',
  replicas: 3,
  autoscale: { min: 1, max: 4 },
}

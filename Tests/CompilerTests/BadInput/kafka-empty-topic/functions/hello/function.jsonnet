{
  runtime: 'python3.12',
  handler: 'hello.handler',
  kafka: [{ topic: '', brokers: ['kafka:9092'] }],
}

// Two Kafka topics (one with a dead-letter topic and an explicit group), secret env and mounts.
{ runtime: 'python3.12', handler: 'main.handler', namespace: 'shop',
  secretEnv: { API_TOKEN: { secret: 'orders-api', key: 'token', optional: true } },
  secrets: ['orders-certs'],
  kafka: [
    { topic: 'orders.created', brokers: 'kafka-0:9092,kafka-1:9092', deadLetterTopic: 'orders.dlq', maxRetries: 3 },
    { topic: 'orders_cancelled', brokers: ['kafka-0:9092'], group: 'billing' },
  ] }

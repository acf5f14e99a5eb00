// A public HTTP function behind nginx with TLS, basic auth and CORS; its database password comes
// from a Secret (never from git); it scales on CPU and consumes the `orders` Kafka topic.
local env = std.extVar('env');

{
  runtime: 'python3.12',
  handler: 'orders.handler',
  namespace: 'shop',
  timeout: 30,
  env: { LOG_LEVEL: if env == 'prod' then 'info' else 'debug' },
  secretEnv: { DB_PASSWORD: { secret: 'orders-db', key: 'password' } },
  secrets: ['orders-tls-client'],
  resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
  autoscale: { min: if env == 'prod' then 3 else 1, max: 10, cpuPercent: 70 },
  labels: { team: 'checkout' },
  http: {
    host: if env == 'prod' then 'api.example.com' else 'api.staging.example.com',
    path: '/orders',
    tlsSecret: 'api-example-com-tls',
    basicAuthSecret: 'orders-users',
    cors: true,
  },
  kafka: [
    { topic: 'orders', brokers: ['kafka-0.kafka.kafka.svc:9092', 'kafka-1.kafka.kafka.svc:9092'], deadLetterTopic: 'orders-dlq', maxRetries: 5 },
  ],
  verify: [
    {
      name: 'accepts an order',
      method: 'POST',
      path: '/',
      headers: { 'Content-Type': 'application/json' },
      body: '{"id": 42, "items": 3}',
      expect: { status: 200, json: { accepted: 42 } },
    },
  ],
}

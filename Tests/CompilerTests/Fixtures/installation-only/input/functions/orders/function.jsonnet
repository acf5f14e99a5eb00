// Installation phase only (python): deps installed by an init container; env, secret env,
// mounted secrets, resources, labels, annotations, a custom timeout and port.
{
  runtime: 'python3.12',
  handler: 'orders.handle',
  namespace: 'shop',
  timeout: 45,
  port: 9000,
  replicas: 2,
  env: { LOG_LEVEL: 'debug', RETRIES: 3 },
  secretEnv: { DB_PASSWORD: { secret: 'orders-db', key: 'password' } },
  secrets: ['orders-tls'],
  resources: { requests: { cpu: '200m', memory: '256Mi' }, limits: { memory: '512Mi' } },
  labels: { team: 'checkout' },
  annotations: { 'example.com/owner': 'checkout-team' },
}

// Imported by `kfn import` from Function shop/orders in kubeless.yaml:3 (.items[0]).
// Edit freely: this file is the function's definition from now on.
{
  namespace: "shop",
  runtime: "python3.12",
  handler: "orders.handler",
  timeout: 30,
  resources: {
    requests: { memory: "128Mi", cpu: "100m" },
    limits: { memory: "256Mi", cpu: "500m" },
  },
  autoscale: { min: 2, max: 10, cpuPercent: 70 },
  env: { LOG_LEVEL: "info" },
  secretEnv: {
    API_TOKEN: { secret: "orders-env", key: "API_TOKEN" },
    DB_PASSWORD: { secret: "orders-db", key: "password" },
  },
  secrets: ["orders-tls-client"],
  labels: { team: "checkout" },
  http: {
    host: "api.example.com",
    path: "/orders",
    tlsSecret: "api-example-com-tls",
    basicAuthSecret: "orders-users",
    cors: true,
  },
  kafka: [
    {
      topic: "orders",
      // PLACEHOLDER (kfn import): the KafkaTrigger does not name brokers; this is the Kubeless controller's default.
      brokers: ["kafka.kubeless:9092"],
      group: "shop_orders-events_orders_orders",
    },
  ],
}

function(fn) {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: fn.name + '_svc', namespace: fn.namespace },
  spec: { ports: [{ port: fn.port }] },
}

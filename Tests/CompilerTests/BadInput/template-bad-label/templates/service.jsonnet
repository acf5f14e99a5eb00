function(fn) {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: fn.name, labels: { 'version': 'v1 beta' } },
  spec: { ports: [{ port: fn.port }] },
}

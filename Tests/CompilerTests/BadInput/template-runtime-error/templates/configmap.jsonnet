function(fn) {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: fn.name },
  data: fn.sources,
}

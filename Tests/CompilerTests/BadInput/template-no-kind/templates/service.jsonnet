function(fn) {
  apiVersion: 'v1',
  metadata: { name: fn.name },
}

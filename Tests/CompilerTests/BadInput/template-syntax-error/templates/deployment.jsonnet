function(fn) {
  apiVersion: 'apps/v1'
  kind: 'Deployment',
}

// The function's Service: port `fn.port` named http-function-port (the `http-` prefix lets Istio
// detect the protocol), selecting the function's pods only.
local pod = import 'lib/pod.libsonnet';

function(fn) {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: pod.metadata(fn.name, fn.namespace, fn.labels, fn.annotations),
  spec: {
    type: 'ClusterIP',
    selector: fn.selector,
    ports: [{ name: 'http-function-port', protocol: 'TCP', port: fn.port, targetPort: fn.port }],
  },
}

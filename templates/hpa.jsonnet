// `autoscale:` → a HorizontalPodAutoscaler on CPU utilisation (the Deployment then leaves
// `replicas` to it).
local pod = import 'lib/pod.libsonnet';

function(fn) {
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: pod.metadata(fn.name, fn.namespace, fn.labels, fn.annotations),
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: fn.name },
    minReplicas: fn.autoscale.min,
    maxReplicas: fn.autoscale.max,
    metrics: [{
      type: 'Resource',
      resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: fn.autoscale.cpuPercent } },
    }],
  },
}

// An autoscaled function (no replicas on the Deployment) with the short resources form.
{ runtime: 'python3.12', handler: 'main.handler', resources: { memory: '512Mi', cpu: '250m' },
  autoscale: { min: 2, max: 8, cpuPercent: 60 }, labels: { tier: 'backend' }, annotations: { 'example.com/owner': 'team-a' } }

// `schedule:` → a CronJob that calls the function's Service the way Kubeless's cronjob trigger did:
// GET without a payload, POST of the JSON payload with one, with the Kubeless event headers.
// Unlike Kubeless it sets concurrencyPolicy (default Forbid, so a slow function does not pile up
// jobs) and gives the job the function's timeout as its deadline.
local settings = import 'settings.libsonnet';
local pod = import 'lib/pod.libsonnet';

function(fn)
  local s = fn.schedule;
  local labels = fn.labels { 'app.kubernetes.io/component': 'schedule' };
  local curl = std.join(' ', [
    'curl -sS --fail-with-body',
    // Concatenation, not `%`: std.format is written in jsonnet in libjsonnet 0.18 and is slow.
    '--max-time ' + fn.timeout,
    '-X ' + s.method,
    '-H "event-id: $POD_UID"',
    // $$ is the kubelet's escape for $: the shell sees $(date ...).
    '-H "event-time: $$(date -u +%Y-%m-%dT%H:%M:%SZ)"',
    '-H "event-namespace: cronjobtrigger.kubeless.io"',
    '-H "event-type: application/json"',
  ] + (if s.payload != null then ['-H "Content-Type: application/json"', '--data-binary "$KFN_PAYLOAD"'] else [])
    + [fn.url]);
  {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: pod.metadata(fn.name, fn.namespace, labels, fn.annotations),
    spec: {
      schedule: s.cron,
      [if s.timeZone != null then 'timeZone']: s.timeZone,
      concurrencyPolicy: s.concurrencyPolicy,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: {
        metadata: { labels: labels },
        spec: {
          activeDeadlineSeconds: fn.timeout,
          backoffLimit: 2,
          template: {
            metadata: { labels: labels } + (if std.length(fn.annotations) > 0 then { annotations: fn.annotations } else {}),
            spec: {
              restartPolicy: 'Never',
              automountServiceAccountToken: false,
              securityContext: pod.podSecurityContext,
              containers: [{
                name: 'trigger',
                image: settings.images.cron,
                imagePullPolicy: settings.imagePullPolicy,
                command: ['/bin/sh', '-c'],
                args: [curl],
                env: [{ name: 'POD_UID', valueFrom: { fieldRef: { fieldPath: 'metadata.uid' } } }]
                     + (if s.payload != null then [{ name: 'KFN_PAYLOAD', value: s.payloadEnv }] else []),
                resources: settings.resources.cron,
                securityContext: pod.containerSecurityContext,
              }],
            },
          },
        },
      },
    },
  }

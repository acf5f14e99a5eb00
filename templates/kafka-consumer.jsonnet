// `kafka:` → one consumer Deployment per topic running `kfn-runtime consume`, which reads the
// topic and POSTs every message to the function's Service, at least once (see docs/kafka.md).
local settings = import 'settings.libsonnet';
local pod = import 'lib/pod.libsonnet';

function(fn, k)
  local labels = fn.labels { 'app.kubernetes.io/component': 'kafka-consumer', 'app.kubernetes.io/instance': k.name };
  local selector = { 'function': fn.name, 'app.kubernetes.io/component': 'kafka-consumer', 'app.kubernetes.io/instance': k.name };
  local env(name, value) = { name: name, value: std.toString(value) };
  local probe = { httpGet: { path: '/healthz', port: 8080 } };
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: pod.metadata(k.name, fn.namespace, labels, fn.annotations),
    spec: {
      replicas: 1,
      revisionHistoryLimit: 5,
      selector: { matchLabels: selector },
      template: {
        metadata: {
          labels: labels,
          annotations: fn.annotations {
            'prometheus.io/scrape': 'true',
            'prometheus.io/path': '/metrics',
            'prometheus.io/port': '8080',
          },
        },
        spec: {
          automountServiceAccountToken: false,
          securityContext: pod.podSecurityContext,
          // Finish the in-flight message and commit before the pod goes away.
          terminationGracePeriodSeconds: std.min(fn.timeout + 10, 600),
          containers: [{
            name: 'consumer',
            image: settings.images.consumer,
            imagePullPolicy: settings.imagePullPolicy,
            args: ['consume'],
            env: [
              env('KFN_KAFKA_BROKERS', k.brokers),
              env('KFN_KAFKA_TOPIC', k.topic),
              env('KFN_KAFKA_GROUP', k.group),
              env('KFN_FUNCTION_URL', fn.url),
              env('KFN_MAX_RETRIES', k.maxRetries),
              env('KFN_REQUEST_TIMEOUT', fn.timeout),
              env('KFN_PORT', 8080),
            ] + (if k.deadLetterTopic != null then [env('KFN_DEAD_LETTER_TOPIC', k.deadLetterTopic)] else []),
            ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
            livenessProbe: probe { initialDelaySeconds: 5, periodSeconds: 30 },
            readinessProbe: probe { periodSeconds: 10 },
            resources: settings.resources.consumer,
            securityContext: pod.containerSecurityContext,
          }],
        },
      },
    },
  }

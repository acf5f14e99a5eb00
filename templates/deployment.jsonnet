// The function's Deployment, field for field as Kubeless built it (init containers prepare /
// install / compile, the /kubeless volume, FUNC_* env, liveness probe, Prometheus annotations),
// with modern defaults: restricted pod security, resource requests and limits, a readiness probe,
// and a rollout whenever the sources change (the digest annotation).
local settings = import 'settings.libsonnet';
local pod = import 'lib/pod.libsonnet';

local secretVolume(name) = { name: name + '-vol', secret: { secretName: name } };

local initContainer(fn, c) = {
  name: c.name,
  image: if c.name == 'prepare' then settings.images.prepare else c.image,
  imagePullPolicy: settings.imagePullPolicy,
  command: ['sh', '-c'],
  args: [c.script],
  resources: if c.name == 'prepare' then settings.resources.prepare else settings.resources.build,
  securityContext: pod.containerSecurityContext,
  volumeMounts: [{ name: 'kubeless', mountPath: '/kubeless' }, pod.tmpMount]
                + (if c.name == 'prepare' then [{ name: 'sources', mountPath: '/src', readOnly: true }] else [])
                + [{ name: s + '-vol', mountPath: '/var/run/secrets/kubeless.io/' + s, readOnly: true } for s in c.secrets],
} + (if c.name != 'prepare' then { workingDir: '/kubeless' } else {})
  + (if std.length(c.env) > 0 then { env: c.env } else {});

local probe(fn) = { httpGet: { path: '/healthz', port: fn.port } };

function(fn) {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: pod.metadata(fn.name, fn.namespace, fn.labels, fn.annotations),
  spec: {
    [if fn.replicas != null then 'replicas']: fn.replicas,
    revisionHistoryLimit: 5,
    selector: { matchLabels: fn.selector },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
    template: {
      metadata: {
        labels: fn.labels,
        annotations: fn.annotations {
          'prometheus.io/scrape': 'true',
          'prometheus.io/path': '/metrics',
          'prometheus.io/port': std.toString(fn.port),
        } + (if fn.sourceDigest != '' then { 'kfn.dev/source-digest': fn.sourceDigest } else {}),
      },
      spec: {
        automountServiceAccountToken: false,
        securityContext: pod.podSecurityContext,
        affinity: {
          podAntiAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [{
              weight: 100,
              podAffinityTerm: { labelSelector: { matchLabels: fn.selector }, topologyKey: 'kubernetes.io/hostname' },
            }],
          },
        },
        [if std.length(fn.imagePullSecrets) > 0 then 'imagePullSecrets']: [{ name: s } for s in fn.imagePullSecrets],
        [if !fn.customImage then 'initContainers']: [initContainer(fn, c) for c in fn.initContainers],
        containers: [{
          name: fn.name,
          image: fn.image,
          imagePullPolicy: settings.imagePullPolicy,
          ports: [{ name: 'http', containerPort: fn.port, protocol: 'TCP' }],
          env: fn.env,
          resources: fn.resources,
          securityContext: pod.containerSecurityContext,
          livenessProbe: if fn.livenessProbe != null then fn.livenessProbe
                         else probe(fn) { initialDelaySeconds: 3, periodSeconds: 30 },
          readinessProbe: probe(fn) { periodSeconds: 5, failureThreshold: 3 },
          volumeMounts: (if fn.customImage then [] else [{ name: 'kubeless', mountPath: '/kubeless' }])
                        + [pod.tmpMount]
                        + [{ name: s + '-vol', mountPath: '/' + s, readOnly: true } for s in fn.secrets],
        }],
        volumes: (if fn.customImage then [] else [
                    { name: 'kubeless', emptyDir: {} },
                    {
                      name: 'sources',
                      configMap: { name: fn.name, items: [{ key: f.key, path: f.path } for f in fn.sourceFiles] },
                    },
                  ])
                 + [pod.tmpVolume]
                 + [secretVolume(s) for s in std.set(fn.secrets + fn.phaseSecrets)],
      },
    },
  },
}

// Settings the templates share: the images of the containers kfn adds around a function, and the
// resources they get. Edit them here; `kfn build` picks the change up for every function.
{
  images: {
    // Lays the function's files out in /kubeless (needs sh, cp, mkdir and sha256sum).
    prepare: 'busybox:1.36.1',
    // Calls the function on a schedule (needs sh and curl).
    cron: 'curlimages/curl:8.11.1',
    // kfn-runtime alone (runtimes/base/Dockerfile), run as `kfn-runtime consume` by Kafka consumers.
    consumer: 'registry.example.com/kfn/kfn-runtime:0.1.0',
  },
  imagePullPolicy: 'IfNotPresent',
  // The user and group every container runs as (Kubeless runtime images expect 1000).
  user: 1000,
  resources: {
    prepare: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
    // Dependency installs and compilers need more room than the file copy.
    build: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '512Mi' } },
    cron: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
    consumer: { requests: { cpu: '50m', memory: '32Mi' }, limits: { cpu: '500m', memory: '128Mi' } },
  },
}

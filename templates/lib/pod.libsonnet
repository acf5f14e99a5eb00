// Pieces every pod kfn writes shares: the Pod Security "restricted" profile (non-root, no
// privilege escalation, all capabilities dropped, RuntimeDefault seccomp), a read-only root
// filesystem with a writable /tmp, and metadata helpers.
local settings = import '../settings.libsonnet';

{
  podSecurityContext: {
    runAsNonRoot: true,
    runAsUser: settings.user,
    runAsGroup: settings.user,
    fsGroup: settings.user,
    seccompProfile: { type: 'RuntimeDefault' },
  },

  containerSecurityContext: {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    capabilities: { drop: ['ALL'] },
  },

  tmpVolume: { name: 'tmp', emptyDir: {} },
  tmpMount: { name: 'tmp', mountPath: '/tmp' },

  // metadata with annotations only when there are some, so objects stay minimal.
  metadata(name, namespace, labels, annotations={}):: {
    name: name,
    namespace: namespace,
    labels: labels,
  } + (if std.length(annotations) > 0 then { annotations: annotations } else {}),
}

// The function's sources: the handler, the module, extra files and the dependency file.
// `fn` is the model kfn resolved from functions/<name>/function.jsonnet (see README, "Templates").
local pod = import 'lib/pod.libsonnet';

function(fn) {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: pod.metadata(fn.name, fn.namespace, fn.labels, fn.annotations),
  data: fn.configMap.data,
} + (if std.length(fn.configMap.binaryData) > 0 then { binaryData: fn.configMap.binaryData } else {})

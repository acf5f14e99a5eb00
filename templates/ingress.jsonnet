// `http:` → an Ingress (networking.k8s.io/v1) routing host + path to the function's Service.
// Gateways: nginx (ingress-nginx annotations), traefik (v2+ Middleware objects) and kong (Kong
// Ingress Controller annotations and KongPlugin objects). With a path other than '/', the path
// prefix is stripped before the request reaches the function, as Kubeless's rewrite-target did.
local pod = import 'lib/pod.libsonnet';

function(fn)
  local h = fn.http;
  local stripPrefix = h.path != '/';
  local tlsSecret = if h.tlsSecret != null then h.tlsSecret else if h.tlsAcme then fn.name + '-tls' else null;
  local middleware(suffix, spec) = {
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'Middleware',
    metadata: pod.metadata(fn.name + '-' + suffix, fn.namespace, fn.labels),
    spec: spec,
  };
  local kongPlugin(suffix, plugin, config={}) = {
    apiVersion: 'configuration.konghq.com/v1',
    kind: 'KongPlugin',
    metadata: pod.metadata(fn.name + '-' + suffix, fn.namespace, fn.labels),
    plugin: plugin,
  } + (if std.length(config) > 0 then { config: config } else {});

  local traefikMiddlewares =
    (if stripPrefix then [middleware('strip', { stripPrefix: { prefixes: [h.path] } })] else [])
    + (if h.basicAuthSecret != null then [middleware('auth', { basicAuth: { secret: h.basicAuthSecret } })] else [])
    + (if h.cors then [middleware('cors', { headers: {
      accessControlAllowOriginList: ['*'],
      accessControlAllowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      accessControlAllowHeaders: ['*'],
    } })] else []);
  local kongPlugins = if h.cors then [kongPlugin('cors', 'cors')] else [];

  local gatewayAnnotations =
    if h.gateway == 'nginx' then
      (if stripPrefix then { 'nginx.ingress.kubernetes.io/rewrite-target': '/' } else {})
      + (if h.cors then { 'nginx.ingress.kubernetes.io/enable-cors': 'true' } else {})
      + (if h.basicAuthSecret != null then {
           'nginx.ingress.kubernetes.io/auth-type': 'basic',
           'nginx.ingress.kubernetes.io/auth-secret': h.basicAuthSecret,
           'nginx.ingress.kubernetes.io/auth-realm': 'Authentication required',
         } else {})
      + (if tlsSecret != null then { 'nginx.ingress.kubernetes.io/ssl-redirect': 'true' } else {})
    else if h.gateway == 'traefik' then
      (if std.length(traefikMiddlewares) > 0 then {
         'traefik.ingress.kubernetes.io/router.middlewares':
           std.join(',', [fn.namespace + '-' + m.metadata.name + '@kubernetescrd' for m in traefikMiddlewares]),
       } else {})
      + (if tlsSecret != null then { 'traefik.ingress.kubernetes.io/router.tls': 'true' } else {})
    else
      (if stripPrefix then { 'konghq.com/strip-path': 'true' } else {})
      + (if std.length(kongPlugins) > 0 then { 'konghq.com/plugins': std.join(',', [p.metadata.name for p in kongPlugins]) } else {})
      + (if tlsSecret != null then { 'konghq.com/protocols': 'https', 'konghq.com/https-redirect-status-code': '308' } else {});

  local ingress = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: pod.metadata(fn.name, fn.namespace, fn.labels,
                           gatewayAnnotations + (if h.tlsAcme then { 'kubernetes.io/tls-acme': 'true' } else {}) + fn.annotations),
    spec: {
      ingressClassName: h.ingressClassName,
      rules: [{
        host: h.host,
        http: {
          paths: [{
            path: h.path,
            pathType: 'Prefix',
            backend: { service: { name: fn.name, port: { number: fn.port } } },
          }],
        },
      }],
      [if tlsSecret != null then 'tls']: [{ hosts: [h.host], secretName: tlsSecret }],
    },
  };

  [ingress]
  + (if h.gateway == 'traefik' then traefikMiddlewares else [])
  + (if h.gateway == 'kong' then kongPlugins else [])

// Where kfn's runtime images live. The runtime images are built from runtimes/<lang>/Dockerfile
// (kfn-runtime plus the language worker); push them to your registry and set it here.
// Pin them by digest (`image@sha256:...`) once pushed: `kfn build --strict` insists on it.
{
  registry: 'registry.example.com/kfn',
  version: '0.1.0',
  runtimeImage(lang, version):: '%s/kfn-runtime-%s:%s-%s' % [self.registry, lang, version, self.version],
}

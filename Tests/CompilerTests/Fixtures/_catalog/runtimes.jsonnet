# The catalog the compiler tests build against: one runtime per phase combination, every image
# pinned by digest. (Digests are placeholders; nothing is pulled.)
local d(c) = '@sha256:' + std.join('', std.repeat([c], 64));
[
  {
    ID: 'python',
    depName: 'requirements.txt',
    fileNameSuffix: '.py',
    versions: [{
      name: 'python312',
      version: '3.12',
      images: [
        { phase: 'installation', image: 'python:3.12-slim' + d('1'), command: 'pip install --prefix=$KUBELESS_INSTALL_VOLUME -r $KUBELESS_DEPS_FILE' },
        { phase: 'runtime', image: 'example/kfn-python:3.12' + d('2'), env: { PYTHONPATH: '$(KUBELESS_INSTALL_VOLUME)/lib/python3.12/site-packages:$(KUBELESS_INSTALL_VOLUME)' } },
      ],
    }],
  },
  {
    ID: 'go',
    depName: 'go.mod',
    fileNameSuffix: '.go',
    versions: [{
      name: 'go1.22',
      version: '1.22',
      images: [
        { phase: 'compilation', image: 'example/go-init:1.22' + d('3'), command: '/compile-function.sh', env: { GOCACHE: '$(KUBELESS_INSTALL_VOLUME)/.cache' } },
        { phase: 'runtime', image: 'example/go:1.22' + d('4') },
      ],
    }],
  },
  {
    ID: 'both',
    depName: 'deps.txt',
    fileNameSuffix: '.src',
    livenessProbeInfo: { exec: { command: ['cat', '/kubeless/ready'] }, periodSeconds: 10 },
    versions: [{
      name: 'both1',
      version: '1.0',
      imagePullSecrets: [{ imageSecret: 'registry-creds' }],
      images: [
        { phase: 'runtime', image: 'example/both:1' + d('7') },
        { phase: 'compilation', image: 'example/both-build:1' + d('6'), command: 'make -C $KUBELESS_INSTALL_VOLUME', secrets: [{ name: 'build-key' }] },
        { phase: 'installation', image: 'example/both-build:1' + d('6'), command: 'fetch-deps $KUBELESS_DEPS_FILE' },
      ],
    }],
  },
  {
    ID: 'plain',
    depName: '',
    fileNameSuffix: '.sh',
    versions: [{ name: 'plain1', version: '1.0', images: [{ phase: 'runtime', image: 'example/plain:1' + d('8') }] }],
  },
]

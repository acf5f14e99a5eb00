# go runtime (fixture in the layout of kubeless/runtimes; digests are placeholders)
{
  ID: 'go',
  versions: [
    {
      name: 'go1.13',
      version: '1.13',
      images: [
        {
          phase: 'compilation',
          image: 'kubeless/go-init:1.13@sha256:545998a5f7627453dfdbf017e8ef68c1ad0253912af35b73b95bcc9c07654328',
          command: '/compile-function.sh',
          env: {
            GOCACHE: '$(KUBELESS_INSTALL_VOLUME)/.cache',
          },
        },
        {
          phase: 'runtime',
          image: 'kubeless/go@sha256:b443346782ed2400b49fa2c6699b698492931e27358f8ff8a5bb901cf93816f0',
        },
      ],
    },
    {
      name: 'go1.14',
      version: '1.14',
      images: [
        {
          phase: 'compilation',
          image: 'kubeless/go-init:1.14@sha256:ff10979c743f1d153ce197e922c80d1fa98a89ba52c2ce1a7e116234336c3267',
          command: '/compile-function.sh',
          env: {
            GOCACHE: '$(KUBELESS_INSTALL_VOLUME)/.cache',
          },
        },
        {
          phase: 'runtime',
          image: 'kubeless/go@sha256:b443346782ed2400b49fa2c6699b698492931e27358f8ff8a5bb901cf93816f0',
        },
      ],
    },
  ],
  depName: 'go.mod',
  fileNameSuffix: '.go',
}

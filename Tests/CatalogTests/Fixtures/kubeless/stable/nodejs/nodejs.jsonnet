# nodejs runtime (fixture in the layout of kubeless/runtimes; digests are placeholders)
{
  ID: 'nodejs',
  versions: [
    {
      name: 'node10',
      version: '10',
      images: [
        {
          phase: 'installation',
          image: 'kubeless/nodejs@sha256:7667ae5f61038e3f1334684c328a317c6859e3d826417dcaa66963a38f426492',
          command: '/kubeless-npm-install.sh',
        },
        {
          phase: 'runtime',
          image: 'kubeless/nodejs@sha256:7667ae5f61038e3f1334684c328a317c6859e3d826417dcaa66963a38f426492',
          env: {
            NODE_PATH: '$(KUBELESS_INSTALL_VOLUME)/node_modules',
          },
        },
      ],
    },
    {
      name: 'node12',
      version: '12',
      images: [
        {
          phase: 'installation',
          image: 'kubeless/nodejs@sha256:b1d49e4506119be38b496b7258cba7c46b1b016cc47f4264d37da548eec87914',
          command: '/kubeless-npm-install.sh',
        },
        {
          phase: 'runtime',
          image: 'kubeless/nodejs@sha256:b1d49e4506119be38b496b7258cba7c46b1b016cc47f4264d37da548eec87914',
          env: {
            NODE_PATH: '$(KUBELESS_INSTALL_VOLUME)/node_modules',
          },
        },
      ],
    },
    {
      name: 'node14',
      version: '14',
      images: [
        {
          phase: 'installation',
          image: 'kubeless/nodejs@sha256:5e54b4894ca86114bdd3096fcd239defd11df57585bd13aabedd39e91143818d',
          command: '/kubeless-npm-install.sh',
        },
        {
          phase: 'runtime',
          image: 'kubeless/nodejs@sha256:5e54b4894ca86114bdd3096fcd239defd11df57585bd13aabedd39e91143818d',
          env: {
            NODE_PATH: '$(KUBELESS_INSTALL_VOLUME)/node_modules',
          },
        },
      ],
    },
  ],
  depName: 'package.json',
  fileNameSuffix: '.js',
}

# nodejsCE runtime (fixture in the layout of kubeless/runtimes; digests are placeholders)
{
  ID: 'nodejsCE',
  versions: [
    {
      name: 'node8',
      version: '8',
      images: [
        {
          phase: 'installation',
          image: 'andresmgot/nodejs-ce@sha256:441aa5171aaf2a068a160778fa916b1ae9c2fba9acec0f2ec3bac11e90b9511c',
          command: '/kubeless-npm-install.sh',
        },
        {
          phase: 'runtime',
          image: 'andresmgot/nodejs-ce@sha256:441aa5171aaf2a068a160778fa916b1ae9c2fba9acec0f2ec3bac11e90b9511c',
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

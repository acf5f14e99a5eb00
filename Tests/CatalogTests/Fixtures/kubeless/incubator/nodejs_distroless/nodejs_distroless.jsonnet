# nodejs_distroless runtime (fixture in the layout of kubeless/runtimes; digests are placeholders)
{
  ID: 'nodejs_distroless',
  versions: [
    {
      name: 'node8',
      version: '8',
      images: [
        {
          phase: 'installation',
          image: 'kubeless/nodejs@sha256:4b7dab809ba19de86eb3262fbcc77dd59e01fe63c0f770cbf08e6b64d49558a8',
          command: '/kubeless-npm-install.sh',
        },
        {
          phase: 'runtime',
          image: 'henrike42/kubeless/runtimes/nodejs/distroless@sha256:02b5890a74ed5877e2bb7443274cc074603c8e64e084956bc83dd2222f5b4255',
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

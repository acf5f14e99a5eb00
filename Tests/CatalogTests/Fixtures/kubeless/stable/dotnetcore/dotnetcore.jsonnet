# dotnetcore runtime (fixture in the layout of kubeless/runtimes; digests are placeholders)
{
  ID: "dotnetcore",
  versions: [
    {
      name: 'dotnetcore2.0',
      version: '2.0',
      images: [
        {
          phase: 'compilation',
          image: 'allantargino/aspnetcore-build@sha256:a29b7833fdb22029b7c1b386f16076e0db311bc23ea0c73a68535ed4a1bda077',
          command: '/app/compile-function.sh $KUBELESS_INSTALL_VOLUME',
        },
        {
          phase: 'runtime',
          image: 'allantargino/kubeless-dotnetcore@sha256:bd4588f138f4e76e0e52472a07aec606e4703c27269e12ab68630c273024c748',
          env: {
            DOTNETCORE_HOME: '$(KUBELESS_INSTALL_VOLUME)/packages',
          },
        },
      ],
    },
    {
      name: 'dotnetcore2.1',
      version: '2.1',
      images: [
        {
          phase: 'compilation',
          image: 'allantargino/aspnetcore-build@sha256:827ea9bae8a4f83e1e9171842908e90a8f97e2f1112670660d0370cd957333f3',
          command: '/app/compile-function.sh $KUBELESS_INSTALL_VOLUME',
        },
        {
          phase: 'runtime',
          image: 'allantargino/kubeless-dotnetcore@sha256:5e114918f26eebb8e031407fd3186d3d81daeb0586fbe56c3dd0e5e22c739ca5',
          env: {
            DOTNETCORE_HOME: '$(KUBELESS_INSTALL_VOLUME)/packages',
          },
        },
      ],
    },
    {
      name: 'dotnetcore2.2',
      version: '2.2',
      images: [
        {
          phase: 'compilation',
          image: 'lennartquerter/kubless_compile_dotnetcore22:4761f20e8bd1c43fd6b1e2a1c8fcd2f5b3a6e5a1',
          command: '/app/compile-function.sh $KUBELESS_INSTALL_VOLUME',
        },
        {
          phase: 'runtime',
          image: 'lennartquerter/kubless_runtime_dotnetcore22:4761f20e8bd1c43fd6b1e2a1c8fcd2f5b3a6e5a1',
          env: {
            DOTNETCORE_HOME: '$(KUBELESS_INSTALL_VOLUME)/packages',
          },
        },
      ],
    },
    {
      name: 'dotnetcore3.1',
      version: '3.1',
      images: [
        {
          phase: 'compilation',
          image: 'allantargino/aspnetcore-build@sha256:118b5f818a7a0f025744ca2fdc514633e0aa2d679ad55633fe7a5fc5c173e5bb',
          command: '/app/compile-function.sh $KUBELESS_INSTALL_VOLUME',
        },
        {
          phase: 'runtime',
          image: 'allantargino/kubeless-dotnetcore@sha256:fe1cd4dfef55978bedbf673ba6413bc910d839f4262c86d08a6c37e4465ae559',
          env: {
            DOTNETCORE_HOME: '$(KUBELESS_INSTALL_VOLUME)/packages',
          },
        },
      ],
    },
  ],
  depName: "project.csproj",
  fileNameSuffix: ".cs",
}

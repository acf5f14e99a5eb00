# java runtime (fixture in the layout of kubeless/runtimes; digests are placeholders)
{
  ID: 'java',
  versions: [
    {
      name: 'java1.8',
      version: '1.8',
      images: [
        {
          phase: 'compilation',
          image: 'kubeless/java-init@sha256:dfcf278576779a6ab39c90c7d23db8c3b3a09c412c552ab6d3d56e2fcd2d248b',
          command: '/compile-function.sh',
        },
        {
          phase: 'runtime',
          image: 'kubeless/java@sha256:26a5284aad480c2cd787abaaaaeaa273b82b391522f6ec0b0ee747691eb9f9f8',
        },
      ],
    },
    {
      name: 'java11',
      version: '11',
      images: [
        {
          phase: 'compilation',
          image: 'kubeless/java-init@sha256:66e8953772064b95848ad9f74dcca0f12b86c25cdd1d24305d607b6d29332952',
          command: '/compile-function.sh',
        },
        {
          phase: 'runtime',
          image: 'kubeless/java@sha256:c8516f0ec0a5709f00b5f7d811d7275e9db3745bc5683049bac81f5a214502a7',
        },
      ],
    },
  ],
  depName: 'pom.xml',
  fileNameSuffix: '.java',
}

# vertx runtime (fixture in the layout of kubeless/runtimes; digests are placeholders)
{
  ID: 'vertx',
  versions: [
    {
      name: 'vertx1.8',
      version: '1.8',
      images: [
        {
          phase: 'compilation',
          image: 'oscardovao/vertx-init@sha256:015c6076397b5c21a710d5cb5455da2c8752a12c6b77d0b7a50d6698465df73f',
          command: '/compile-function.sh',
        },
        {
          phase: 'runtime',
          image: 'oscardovao/vertx@sha256:1d0011bbfa720adb88beb5076a4f93fe57cd9fa5399aaa3ae3e92f625191cea7',
        },
      ],
    },
  ],
  depName: 'pom.xml',
  fileNameSuffix: '.java',
}

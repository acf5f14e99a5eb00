# jvm runtime (fixture in the layout of kubeless/runtimes; digests are placeholders)
{
  ID: 'jvm',
  versions: [
    {
      name: 'jvm1.8',
      version: '1.8',
      images: [
        {
          phase: 'compilation',
          image: 'caraboides/jvm-init@sha256:fa209a06b51e6756d1a3ef066807a8a308195937925456d6bc680e9538768e67',
          command: 'mv /kubeless/* /kubeless/payload.jar && cp /opt/*.jar /kubeless/ > /dev/termination-log 2>&1',
        },
        {
          phase: 'runtime',
          image: 'caraboides/jvm@sha256:827015290c1c806e9c9710725d68b415b286ba526b74e66bbe7ab1cdbcbce215',
        },
      ],
    },
  ],
  depName: '',
  fileNameSuffix: '.jar',
}

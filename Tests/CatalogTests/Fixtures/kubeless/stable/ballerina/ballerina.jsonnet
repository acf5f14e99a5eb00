# ballerina runtime (fixture in the layout of kubeless/runtimes; digests are placeholders)
{
  ID: 'ballerina',
  versions: [
    {
      name: 'ballerina0.981.0',
      version: '0.981.0',
      images: [
        {
          phase: 'compilation',
          image: 'ballerina/kubeless-ballerina-init@sha256:ddb1290948bb574c22350f20c295ad3913d09c21537a33283e1d6dd5e74a334b',
          command: '/compile-function.sh $KUBELESS_FUNC_NAME',
        },
        {
          phase: 'runtime',
          image: 'ballerina/kubeless-ballerina@sha256:3db747f3612c7ef82d4c8a60d1e21bc9dac093141b28e59beadcf54c6c4a842d',
        },
      ],
    },
  ],
  depName: '',
  fileNameSuffix: '.bal',
}
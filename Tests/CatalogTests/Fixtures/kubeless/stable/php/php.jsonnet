# php runtime (fixture in the layout of kubeless/runtimes; digests are placeholders)
{
  ID: 'php',
  versions: [
    {
      name: 'php72',
      version: '7.2',
      images: [
        {
          phase: 'installation',
          image: 'composer:1.6',
          command: 'composer install -d $KUBELESS_INSTALL_VOLUME',
        },
        {
          phase: 'runtime',
          image: 'kubeless/php@sha256:59f89961fb7c35759414bddbf84162fdfbf4a90cf85ecd223debb82ea657a4d2',
        },
      ],
    },
    {
      name: 'php73',
      version: '7.3',
      images: [
        {
          phase: 'installation',
          image: 'composer:1.6',
          command: 'composer install -d $KUBELESS_INSTALL_VOLUME',
        },
        {
          phase: 'runtime',
          image: 'kubeless/php@sha256:f9e31fdcedeb0bab1d3276ce065ede5be822bd979cfc72e7cc631fc55c874be0',
        },
      ],
    },
    {
      name: 'php74',
      version: '7.4',
      images: [
        {
          phase: 'installation',
          image: 'composer:1.6',
          command: 'composer install -d $KUBELESS_INSTALL_VOLUME',
        },
        {
          phase: 'runtime',
          image: 'kubeless/php@sha256:8a8039527475a5e9c92ffd95d4dd31eead01aaf7883d262145df4c2db90a043a',
        },
      ],
    },
  ],
  depName: 'composer.json',
  fileNameSuffix: '.php',
}

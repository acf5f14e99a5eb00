# ruby runtime (fixture in the layout of kubeless/runtimes; digests are placeholders)
{
  ID: 'ruby',
  versions: [
    {
      name: 'ruby23',
      version: '2.3',
      images: [
        {
          phase: 'installation',
          image: 'bitnami/ruby:2.3',
          command: 'bundle install --gemfile=$KUBELESS_DEPS_FILE --path=$KUBELESS_INSTALL_VOLUME',
        },
        {
          phase: 'runtime',
          image: 'kubeless/ruby@sha256:3037a894232c834da68d02df5aa7f9c0473006dbb85c3dadec1b3e17f2c794bc',
          env: {
            GEM_HOME: '$(KUBELESS_INSTALL_VOLUME)/ruby/2.3.0',
          },
        },
      ],
    },
    {
      name: 'ruby24',
      version: '2.4',
      images: [
        {
          phase: 'installation',
          image: 'bitnami/ruby:2.4',
          command: 'bundle install --gemfile=$KUBELESS_DEPS_FILE --path=$KUBELESS_INSTALL_VOLUME',
        },
        {
          phase: 'runtime',
          image: 'kubeless/ruby@sha256:e53991a2a849ef04205c4846ae8c574f5f1fde45f91f733dcea1bbc9e40fd21f',
          env: {
            GEM_HOME: '$(KUBELESS_INSTALL_VOLUME)/ruby/2.4.0',
          },
        },
      ],
    },
    {
      name: 'ruby25',
      version: '2.5',
      images: [
        {
          phase: 'installation',
          image: 'bitnami/ruby:2.5',
          command: 'bundle install --gemfile=$KUBELESS_DEPS_FILE --path=$KUBELESS_INSTALL_VOLUME',
        },
        {
          phase: 'runtime',
          image: 'kubeless/ruby@sha256:5af8bf5f713f46d51d49f4e7f6516140e26a6d6d43284d4b448598df00508bee',
          env: {
            GEM_HOME: '$(KUBELESS_INSTALL_VOLUME)/ruby/2.5.0',
          },
        },
      ],
    },
    {
      name: 'ruby26',
      version: '2.6',
      images: [
        {
          phase: 'installation',
          image: 'bitnami/ruby:2.6',
          command: 'bundle install --gemfile=$KUBELESS_DEPS_FILE --path=$KUBELESS_INSTALL_VOLUME',
        },
        {
          phase: 'runtime',
          image: 'kubeless/ruby@sha256:3e56fc56fdafccd121aa420869eeb83d4d2400f1a9e1222454a263ea75067bed',
          env: {
            GEM_HOME: '$(KUBELESS_INSTALL_VOLUME)/ruby/2.6.0',
          },
        },
      ],
    },
  ],
  depName: 'Gemfile',
  fileNameSuffix: '.rb',
}

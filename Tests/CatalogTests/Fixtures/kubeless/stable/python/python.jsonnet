# python runtime (fixture in the layout of kubeless/runtimes; digests are placeholders)
{
  ID: 'python',
  versions: [
    {
      name: 'python36',
      version: '3.6',
      images: [
        {
          phase: 'installation',
          image: 'python:3.6',
          command: 'pip install --prefix=$KUBELESS_INSTALL_VOLUME -r $KUBELESS_DEPS_FILE',
        },
        {
          phase: 'runtime',
          image: 'kubeless/python@sha256:75549db43d68b0a39d6fb5e0087bb8d760632c35b12d5769e67fe6c0344ff1a7',
          env: {
            PYTHONPATH: '$(KUBELESS_INSTALL_VOLUME)/lib/python3.6/site-packages:$(KUBELESS_INSTALL_VOLUME)',
          },
        },
      ],
    },
    {
      name: 'python37',
      version: '3.7',
      images: [
        {
          phase: 'installation',
          image: 'python:3.7',
          command: 'pip install --prefix=$KUBELESS_INSTALL_VOLUME -r $KUBELESS_DEPS_FILE',
        },
        {
          phase: 'runtime',
          image: 'kubeless/python@sha256:3a21b3cd4aa615ce6c7e9541848187f41a5532f5f8e892562158f1b21bb21e3e',
          env: {
            PYTHONPATH: '$(KUBELESS_INSTALL_VOLUME)/lib/python3.7/site-packages:$(KUBELESS_INSTALL_VOLUME)',
          },
        },
      ],
    },
    {
      name: 'python38',
      version: '3.8',
      images: [
        {
          phase: 'installation',
          image: 'python:3.8',
          command: 'pip install --prefix=$KUBELESS_INSTALL_VOLUME -r $KUBELESS_DEPS_FILE',
        },
        {
          phase: 'runtime',
          image: 'kubeless/python@sha256:c4e8ce929af9e2776bbccaca4b883b9a2270d908ae325d990c975d136d11c0ce',
          env: {
            PYTHONPATH: '$(KUBELESS_INSTALL_VOLUME)/lib/python3.8/site-packages:$(KUBELESS_INSTALL_VOLUME)',
          },
        },
      ],
    },
  ],
  depName: 'requirements.txt',
  fileNameSuffix: '.py',
}

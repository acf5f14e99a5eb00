# Node.js: dependencies from package.json installed with npm into /kubeless/node_modules.
local kfn = import '../kfn.libsonnet';

local version(v) = {
  name: 'node' + v,
  version: v,
  images: [
    {
      phase: 'installation',
      image: 'node:%s-slim' % v,
      command: 'npm install --omit=dev --no-audit --no-fund --prefix=$KUBELESS_INSTALL_VOLUME',
      env: { HOME: '/tmp', npm_config_cache: '/tmp/.npm', npm_config_update_notifier: 'false' },
    },
    {
      phase: 'runtime',
      image: kfn.runtimeImage('nodejs', v),
      env: { NODE_PATH: '$(KUBELESS_INSTALL_VOLUME)/node_modules' },
    },
  ],
};

{
  ID: 'nodejs',
  depName: 'package.json',
  fileNameSuffix: '.js',
  versions: [version('20'), version('22')],
}

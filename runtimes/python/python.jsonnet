# Python: dependencies from requirements.txt installed with pip into the shared /kubeless volume.
local kfn = import '../kfn.libsonnet';

local version(v) = {
  name: 'python' + std.strReplace(v, '.', ''),
  version: v,
  images: [
    {
      phase: 'installation',
      image: 'python:%s-slim' % v,
      command: 'pip install --no-cache-dir --disable-pip-version-check --prefix=$KUBELESS_INSTALL_VOLUME -r $KUBELESS_DEPS_FILE',
      env: { HOME: '/tmp' },
    },
    {
      phase: 'runtime',
      image: kfn.runtimeImage('python', v),
      env: { PYTHONPATH: '$(KUBELESS_INSTALL_VOLUME)/lib/python%s/site-packages:$(KUBELESS_INSTALL_VOLUME)' % v },
    },
  ],
};

{
  ID: 'python',
  depName: 'requirements.txt',
  fileNameSuffix: '.py',
  versions: [version('3.11'), version('3.12')],
}

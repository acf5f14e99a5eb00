# Ruby: gems from the Gemfile installed with bundler under /kubeless/bundle.
local kfn = import '../kfn.libsonnet';

local version(v) = {
  name: 'ruby' + std.strReplace(v, '.', ''),
  version: v,
  images: [
    {
      phase: 'installation',
      image: 'ruby:%s-slim' % v,
      command: 'bundle install --gemfile=$KUBELESS_DEPS_FILE',
      env: { HOME: '/tmp', BUNDLE_PATH: '$(KUBELESS_INSTALL_VOLUME)/bundle', BUNDLE_APP_CONFIG: '/tmp/.bundle' },
    },
    {
      phase: 'runtime',
      image: kfn.runtimeImage('ruby', v),
      env: { GEM_HOME: '$(KUBELESS_INSTALL_VOLUME)/bundle/ruby/%s.0' % v },
    },
  ],
};

{
  ID: 'ruby',
  depName: 'Gemfile',
  fileNameSuffix: '.rb',
  versions: [version('3.2'), version('3.3')],
}

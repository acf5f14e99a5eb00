local common = import '../lib/common.libsonnet';
common { handler: 'hello.handler' }

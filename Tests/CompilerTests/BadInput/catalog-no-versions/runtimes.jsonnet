local d = '@sha256:' + std.join('', std.repeat(['a'], 64));
[
  { ID: 'python', depName: '', fileNameSuffix: '.py', versions: [] },
]

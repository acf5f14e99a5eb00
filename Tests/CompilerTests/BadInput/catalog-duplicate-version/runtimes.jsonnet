local d = '@sha256:' + std.join('', std.repeat(['a'], 64));
[
  { ID: 'python', depName: '', fileNameSuffix: '.py', versions: [
    { name: 'a', version: '3.12', images: [{ phase: 'runtime', image: 'b' + d }] },
    { name: 'b', version: '3.12', images: [{ phase: 'runtime', image: 'b' + d }] },
  ] },
]

local d = '@sha256:' + std.join('', std.repeat(['a'], 64));
[
  { ID: 'python3', depName: '', fileNameSuffix: '.py', versions: [{ name: 'a', version: '12', images: [{ phase: 'runtime', image: 'b' + d }] }] },
  { ID: 'python', depName: 'requirements.txt', fileNameSuffix: '.py', versions: [{ name: 'p', version: '3.12', images: [{ phase: 'runtime', image: 'b' + d }] }] },
]

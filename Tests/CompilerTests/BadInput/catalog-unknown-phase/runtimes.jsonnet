local d = '@sha256:' + std.join('', std.repeat(['a'], 64));
[
  { ID: 'python', depName: 'requirements.txt', fileNameSuffix: '.py', versions: [{ name: 'p', version: '3.12', images: [
      { phase: 'instalation', image: 'python:3.12' + d, command: 'pip install' },
      { phase: 'runtime', image: 'b' + d },
    ] }] },
]

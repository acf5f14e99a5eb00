// Shared verify cases for the examples: import with `local verify = import 'lib/verify.libsonnet';`
// (functions/ is on the jsonnet library path).
{
  // A POST of a JSON document that the function must echo back unchanged.
  echoJson(doc):: {
    name: 'echoes JSON',
    method: 'POST',
    path: '/',
    headers: { 'Content-Type': 'application/json' },
    body: std.manifestJsonMinified(doc),
    expect: { status: 200, json: doc },
  },
}

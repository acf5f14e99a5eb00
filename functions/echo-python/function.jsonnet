// POST echo: returns the JSON body it was sent.
local verify = import 'lib/verify.libsonnet';

{
  runtime: 'python3.12',
  handler: 'echo.handler',
  timeout: 30,
  verify: [verify.echoJson({ hello: 'world', n: 1 })],
}

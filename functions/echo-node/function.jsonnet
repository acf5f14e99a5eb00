// POST echo in Node.js, with an async handler.
local verify = import 'lib/verify.libsonnet';

{
  runtime: 'nodejs20',
  handler: 'echo.handler',
  verify: [verify.echoJson({ items: [1, 2, 3], ok: true })],
}

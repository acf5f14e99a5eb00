// GET hello in Node.js.
{
  runtime: 'nodejs22',
  handler: 'hello.handler',
  verify: [
    { name: 'says hello', method: 'GET', path: '/', expect: { status: 200, body: 'hello world' } },
  ],
}

// GET hello: the smallest function.
{
  runtime: 'python3.12',
  handler: 'hello.handler',
  verify: [
    { name: 'says hello', method: 'GET', path: '/', expect: { status: 200, body: 'hello world' } },
  ],
}

// GET hello in Ruby.
{
  runtime: 'ruby3.3',
  handler: 'hello.handler',
  verify: [
    { name: 'says hello', method: 'GET', path: '/', expect: { status: 200, body: 'hello world' } },
  ],
}

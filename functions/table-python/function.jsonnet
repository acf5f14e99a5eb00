// A dependency from PyPI (requirements.txt): renders the query parameters as a text table.
{
  runtime: 'python3.11',
  handler: 'table.handler',
  resources: { memory: '192Mi', cpu: '250m' },
  verify: [
    { name: 'renders a table', method: 'GET', path: '/?fruit=apple', expect: { status: 200, contains: 'apple' } },
  ],
}

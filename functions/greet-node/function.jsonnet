// A Node.js dependency that installs without the npm registry: a local `file:` package shipped
// beside the function (listed in `files` so it reaches the /kubeless volume).
{
  runtime: 'nodejs22',
  handler: 'greet.handler',
  files: ['greeting'],
  verify: [
    { name: 'greets by name', method: 'GET', path: '/?name=kfn', expect: { status: 200, body: 'Hello, kfn!' } },
  ],
}

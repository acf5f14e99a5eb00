{ runtime: 'python3.12', handler: 'hello.handler' }

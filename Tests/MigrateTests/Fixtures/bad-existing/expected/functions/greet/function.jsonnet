{ runtime: 'python3.12', handler: 'greet.handler' }

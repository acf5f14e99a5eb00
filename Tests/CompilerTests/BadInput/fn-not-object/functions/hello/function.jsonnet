['python3.12', 'hello.handler']

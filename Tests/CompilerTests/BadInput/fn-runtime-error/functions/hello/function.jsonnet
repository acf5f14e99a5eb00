local port = error 'set the port in lib/ports.libsonnet';
{
  runtime: 'python3.12',
  handler: 'hello.handler',
  port: port,
}

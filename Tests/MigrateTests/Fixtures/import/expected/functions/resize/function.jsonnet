// Imported by `kfn import` from Function default/resize in kubeless.yaml:146 (.items[2]).
// Edit freely: this file is the function's definition from now on.
{
  runtime: "python3.11",
  handler: "resize.handler",
  port: 8081,
  replicas: 2,
  resources: { memory: "192Mi" },
}

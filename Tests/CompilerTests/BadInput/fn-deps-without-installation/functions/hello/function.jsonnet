{
  runtime: 'go1.22',
  handler: 'main.Handler',
  deps: 'go.mod',
}

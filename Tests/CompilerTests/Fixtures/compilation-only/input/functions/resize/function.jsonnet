// Compilation phase only (go): the compile init container always runs; go.mod is shipped but no
// install container is added (the runtime has no installation phase).
{
  runtime: 'go1.22',
  handler: 'resize.Handler',
  files: ['go.mod'],
}

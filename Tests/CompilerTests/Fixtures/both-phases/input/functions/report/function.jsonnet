// Both phases, listed out of order in the catalog: install then compile, phase secrets, image pull
// secrets and the catalog's liveness probe; nested source files.
{
  runtime: 'both1.0',
  handler: 'report.build',
  files: ['lib'],
  schedule: null,
}

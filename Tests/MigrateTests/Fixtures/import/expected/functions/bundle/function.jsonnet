// Imported by `kfn import` from Function default/bundle in kubeless.yaml:183 (.items[3]).
// Edit freely: this file is the function's definition from now on.
{
  runtime: "python3.12",
  handler: "bundle.handler",
  files: ["helpers"],
}

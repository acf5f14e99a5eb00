// Imported by `kfn import` from Function default/shout in kubeless.yaml:9 ([document 2]).
// Edit freely: this file is the function's definition from now on.
{
  runtime: "ruby3.3",
  handler: "shout.handler",
  files: ["lib"],
  env: [
    { name: "GREETING", value: "$(PREFIX)-hi" },
    { name: "PREFIX", value: "x" },
  ],
}

// Imported by `kfn import` from Function default/hello in kubeless.yaml:199 (.items[4]).
// Edit freely: this file is the function's definition from now on.
{ name: "hello", runtime: "nodejs20", handler: "hello.handler" }

// Imported by `kfn import` from Function staging/hello in kubeless.yaml:215 (.items[5]).
// Edit freely: this file is the function's definition from now on.
{ name: "hello", namespace: "staging", runtime: "python3.11", handler: "hello.handler" }

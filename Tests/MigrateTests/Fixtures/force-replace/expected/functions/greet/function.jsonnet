// Imported by `kfn import` from Function default/greet in function.yaml:1.
// Edit freely: this file is the function's definition from now on.
{ runtime: "python3.12", handler: "greet.handler" }

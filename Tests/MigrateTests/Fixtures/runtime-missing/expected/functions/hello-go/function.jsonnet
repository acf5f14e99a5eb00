// Imported by `kfn import` from Function default/hello-go in function.yaml:1.
// Edit freely: this file is the function's definition from now on.
{ runtime: "go1.14", handler: "handler.Hello" }

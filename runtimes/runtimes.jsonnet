# kfn's runtime catalog, in the Kubeless runtime-catalog schema: a list of runtimes, each with
# versions, each version a list of images for the phases installation, compilation and runtime.
# `kfn runtimes` lists what it offers; any Kubeless catalog can be used instead with --runtimes.
[
  import 'python/python.jsonnet',
  import 'nodejs/nodejs.jsonnet',
  import 'ruby/ruby.jsonnet',
]

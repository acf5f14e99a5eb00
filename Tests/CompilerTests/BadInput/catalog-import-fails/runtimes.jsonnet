[
  import 'python/python.jsonnet',
]

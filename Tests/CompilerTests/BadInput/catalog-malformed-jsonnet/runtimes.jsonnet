[
  { ID: 'python' versions: [] },
]

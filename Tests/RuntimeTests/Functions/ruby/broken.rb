# A module that does not compile, for the load-error test.
def hello(_event, _context
  'never'

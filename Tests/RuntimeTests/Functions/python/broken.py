# A module that does not compile, for the load-error test.
def hello(event, context)
    return "never"

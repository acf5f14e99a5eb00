from helpers.util import shout


def handler(event, context):
    return shout('bundled')

def handler(event, context):
    return 'mine'

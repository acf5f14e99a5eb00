def handler(event, context):
    return 'imported'

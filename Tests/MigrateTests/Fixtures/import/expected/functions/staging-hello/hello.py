def handler(event, context):
    return "hello from staging"

def handle(event, context):
    return {"orders": []}

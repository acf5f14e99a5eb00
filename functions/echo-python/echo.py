def handler(event, context):
    # data is the parsed JSON document when the request's Content-Type is application/json.
    return event["data"]

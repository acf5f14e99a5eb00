# Test functions for RuntimeTests; one handler per behaviour under test.
import os
import time


def hello(event, context):
    return "hello world"


def echo(event, context):
    return event["data"]


def describe(event, context):
    request = event["extensions"]["request"]
    data = event["data"]
    return {
        "dataType": type(data).__name__,
        "data": data.decode("utf-8") if isinstance(data, bytes) else data,
        "eventId": event["event-id"],
        "eventType": event["event-type"],
        "eventTime": event["event-time"],
        "eventNamespace": event["event-namespace"],
        "method": request["method"],
        "path": request["path"],
        "query": request["query"],
        "header": request["headers"].get("x-test"),
        "context": context,
    }


def boom(event, context):
    raise ValueError("boom from python")


def forever(event, context):
    while True:
        time.sleep(1)


def crash(event, context):
    os._exit(3)


def slow(event, context):
    time.sleep(1)
    return "slept"


def custom(event, context):
    return "created", 201, {"x-kfn": "yes"}


def binary(event, context):
    return bytes([0, 1, 2, 255])


def shout(event, context):
    print("function says hello to the log")
    return "printed"


def main(event, context):
    """Dispatches on the path (/hello, /boom, ...) so one server can show a failure and a recovery."""
    name = event["extensions"]["request"]["path"].strip("/") or "hello"
    return globals()[name](event, context)

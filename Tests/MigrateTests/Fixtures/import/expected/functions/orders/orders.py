import json
import os


def handler(event, context):
    order = event["data"] or {}
    return {"accepted": order.get("id"), "level": os.environ.get("LOG_LEVEL")}

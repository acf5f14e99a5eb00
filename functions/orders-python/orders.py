import os


def handler(event, context):
    order = event["data"] or {}
    # DB_PASSWORD arrives from the orders-db Secret; it is never part of the repository.
    _ = os.environ.get("DB_PASSWORD")
    return {"accepted": order.get("id")}

from tabulate import tabulate


def handler(event, context):
    query = event["extensions"]["request"].get("query") or {}
    rows = sorted((k, v if isinstance(v, str) else ",".join(v)) for k, v in query.items())
    return tabulate(rows, headers=["name", "value"]) + "\n"

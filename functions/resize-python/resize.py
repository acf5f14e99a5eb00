def handler(event, context):
    query = event["extensions"]["request"].get("query") or {}
    width = query.get("width", "0")
    return {"width": int(width if isinstance(width, str) else width[0])}

"""kfn-runtime worker for Python functions.

kfn-runtime starts a pool of these. Each imports MOD_NAME once from the install volume, then
answers requests framed on fd 3 (in) and fd 4 (out) one at a time, calling
FUNC_HANDLER(event, context). stdout and stderr are the pod log. The protocol is described in
Sources/Runtime/Workers/WorkerProtocol.swift and docs/runtime.md.
"""

import os
import sys

# The shim's folder would shadow a user module called kfn_worker; it is not needed on the path.
if sys.path and os.path.abspath(sys.path[0] or ".") == os.path.dirname(os.path.abspath(__file__)):
    sys.path.pop(0)

import importlib  # noqa: E402
import json  # noqa: E402
import struct  # noqa: E402
import traceback  # noqa: E402
from urllib.parse import parse_qsl  # noqa: E402

READY, LOAD_ERROR, RESULT, FUNCTION_ERROR, BAD_REQUEST = 1, 2, 3, 4, 5
OUT = 4

_u16 = struct.Struct(">H").pack
_frame_head = struct.Struct(">IBHH").pack  # frame length, kind, status, header count


def write_all(data):
    view = memoryview(data)
    while view:
        view = view[os.write(OUT, view):]


def send(kind, text=""):
    payload = bytes([kind]) + text.encode("utf-8", "replace")
    write_all(struct.pack(">I", len(payload)) + payload)


def encoded_header(name, value):
    name, value = str(name).encode("latin-1"), str(value).encode("utf-8")
    return _u16(len(name)) + name + _u16(len(value)) + value


# The headers of the common answers, packed once.
TEXT = encoded_header("content-type", "text/plain; charset=utf-8")
JSON = encoded_header("content-type", "application/json")
OCTETS = encoded_header("content-type", "application/octet-stream")


def body_of(value):
    """The body bytes and the packed default content-type header for a returned value."""
    if value is None:
        return b"", None
    if isinstance(value, str):
        return value.encode("utf-8"), TEXT
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value), OCTETS
    if isinstance(value, (dict, list, int, float, bool)):
        return json.dumps(value, separators=(",", ":")).encode("utf-8"), JSON
    raise TypeError("cannot turn a %s into a response (return str, bytes, dict, list, a number or None)"
                    % type(value).__name__)


def result_frame(result):
    # A tuple sets the status and headers, Flask style: (body, status) or (body, status, headers).
    status, headers = 200, None
    if type(result) is tuple:
        if len(result) not in (2, 3):
            raise TypeError("a tuple answer is (body, status) or (body, status, headers)")
        if len(result) == 3:
            headers = result[2]
        result, status = result[0], int(result[1])
        if not 100 <= status <= 599:
            raise ValueError("status %d is not an HTTP status" % status)
    body, default_type = body_of(result)
    packed = []
    if headers:
        packed = [encoded_header(k, v) for k, v in headers.items()]
        if default_type and not any(k.lower() == "content-type" for k in headers):
            packed.append(default_type)
    elif default_type:
        packed.append(default_type)
    size = 5 + sum(map(len, packed)) + len(body)
    return b"".join([_frame_head(size, RESULT, status, len(packed))] + packed + [body])


def load():
    volume = os.environ.get("KUBELESS_INSTALL_VOLUME", "/kubeless")
    if volume not in sys.path:
        sys.path.append(volume)
    name, handler = os.environ.get("MOD_NAME", ""), os.environ.get("FUNC_HANDLER", "")
    if name == "kfn_worker":
        raise LookupError("a module cannot be named kfn_worker")
    try:
        module = importlib.import_module(name)
    except Exception as error:
        traceback.print_exc()
        raise LookupError("cannot import module %s: %s: %s" % (name, type(error).__name__, error)) from None
    function = getattr(module, handler, None)
    if not callable(function):
        raise LookupError("module %s has no function %s" % (name, handler))
    return function


def context():
    timeout = os.environ.get("FUNC_TIMEOUT", "180")
    return {
        "function-name": os.environ.get("FUNC_HANDLER"),
        "timeout": float(timeout),
        "runtime": os.environ.get("FUNC_RUNTIME"),
        "memory-limit": os.environ.get("FUNC_MEMORY_LIMIT"),
    }


def serve(function, requests):
    base_context = context()
    read = requests.read
    while True:
        head = read(4)
        if len(head) < 4:
            return  # the server closed the pipe: stop
        payload = read(int.from_bytes(head, "big"))
        meta_length = int.from_bytes(payload[:4], "big")
        meta = json.loads(payload[4:4 + meta_length])
        body = payload[4 + meta_length:]
        headers = meta["headers"]
        if meta["json"]:
            try:
                data = json.loads(body)
            except ValueError as error:
                send(BAD_REQUEST, "the body is not valid JSON (%s)" % error)
                continue
        else:
            data = body
        query = meta["query"]
        event = {
            "data": data,
            "event-id": headers.get("event-id"),
            "event-type": headers.get("event-type"),
            "event-time": headers.get("event-time"),
            "event-namespace": headers.get("event-namespace"),
            "extensions": {"request": {
                "method": meta["method"],
                "path": meta["path"],
                "query": dict(parse_qsl(query, keep_blank_values=True)) if query else {},
                "rawQuery": query,
                "headers": headers,
                "body": body,
            }},
        }
        try:
            frame = result_frame(function(event, dict(base_context)))
        except Exception as error:
            print("Function failed to execute:", file=sys.stderr)
            traceback.print_exc()
            summary = "%s: %s" % (type(error).__name__, error)
            send(FUNCTION_ERROR, summary if len(summary) <= 200 else summary[:197] + "...")
            continue
        write_all(frame)


def main():
    # Line buffering makes each printed line one write, so lines from several workers interleave
    # whole, and they appear in the pod log as they are printed.
    sys.stdout.reconfigure(line_buffering=True)
    requests = os.fdopen(3, "rb", buffering=1 << 16)
    try:
        function = load()
    except Exception as error:
        print("kfn worker: %s" % error, file=sys.stderr)
        send(LOAD_ERROR, str(error))
        sys.exit(1)
    send(READY)
    serve(function, requests)


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:
        # The server closed the protocol pipe (it is stopping, or gave up on this worker).
        os._exit(0)

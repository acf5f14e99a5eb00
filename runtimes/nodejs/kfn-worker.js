'use strict';
// kfn-runtime worker for Node.js functions.
//
// kfn-runtime starts a pool of these. Each requires MOD_NAME once from the install volume, then
// answers requests framed on fd 3 (in) and fd 4 (out) one at a time, calling
// FUNC_HANDLER(event, context) and awaiting it when it returns a promise. stdout and stderr are the
// pod log. The protocol is described in Sources/Runtime/Workers/WorkerProtocol.swift and
// docs/runtime.md.

const fs = require('fs');
const net = require('net');
const path = require('path');

const READY = 1, LOAD_ERROR = 2, RESULT = 3, FUNCTION_ERROR = 4, BAD_REQUEST = 5;
const OUT = 4;

function writeAll(buffer) {
  let offset = 0;
  while (offset < buffer.length) {
    try {
      offset += fs.writeSync(OUT, buffer, offset);
    } catch (error) {
      // EPIPE: the server closed the protocol pipe (it is stopping, or gave up on this worker).
      if (error.code === 'EPIPE') process.exit(0);
      if (error.code !== 'EAGAIN') throw error;
    }
  }
}

function send(kind, text = '') {
  const payload = Buffer.from(text, 'utf8');
  const frame = Buffer.allocUnsafe(5 + payload.length);
  frame.writeUInt32BE(1 + payload.length, 0);
  frame[4] = kind;
  payload.copy(frame, 5);
  writeAll(frame);
}

/// The response object a function may use, Express style, to set the status and headers (and,
/// with send/json/end, the body, in which case the return value is ignored).
class Response {
  constructor() {
    this.statusCode = 200;
    this.headers = {};
    this.finished = false;
    this.body = undefined;
  }
  status(code) { this.statusCode = code; return this; }
  setHeader(name, value) { this.headers[String(name).toLowerCase()] = String(value); return this; }
  set(name, value) { return this.setHeader(name, value); }
  header(name, value) { return this.setHeader(name, value); }
  getHeader(name) { return this.headers[String(name).toLowerCase()]; }
  send(body) { this.body = body; this.finished = true; return this; }
  end(body) { return this.send(body); }
  json(value) {
    if (!this.getHeader('content-type')) this.setHeader('content-type', 'application/json');
    return this.send(JSON.stringify(value));
  }
}

function bodyOf(value) {
  if (value === undefined || value === null) return [Buffer.alloc(0), null];
  if (typeof value === 'string') return [Buffer.from(value, 'utf8'), 'text/plain; charset=utf-8'];
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return [Buffer.from(value), 'application/octet-stream'];
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'object') {
    return [Buffer.from(JSON.stringify(value), 'utf8'), 'application/json'];
  }
  throw new TypeError(`cannot turn a ${typeof value} into a response`);
}

function resultFrame(value, response) {
  const [body, defaultType] = bodyOf(response.finished ? response.body : value);
  const headers = Object.entries(response.headers);
  if (defaultType && response.getHeader('content-type') === undefined) headers.push(['content-type', defaultType]);
  const packed = headers.map(([name, text]) => [Buffer.from(name, 'latin1'), Buffer.from(text, 'utf8')]);
  let size = 5 + body.length;
  for (const [name, text] of packed) size += 4 + name.length + text.length;
  const frame = Buffer.allocUnsafe(4 + size);
  let offset = frame.writeUInt32BE(size, 0);
  frame[offset++] = RESULT;
  offset = frame.writeUInt16BE(response.statusCode, offset);
  offset = frame.writeUInt16BE(packed.length, offset);
  for (const [name, text] of packed) {
    offset = frame.writeUInt16BE(name.length, offset);
    offset += name.copy(frame, offset);
    offset = frame.writeUInt16BE(text.length, offset);
    offset += text.copy(frame, offset);
  }
  body.copy(frame, offset);
  return frame;
}

function load() {
  const volume = process.env.KUBELESS_INSTALL_VOLUME || '/kubeless';
  const name = process.env.MOD_NAME || '';
  const handler = process.env.FUNC_HANDLER || '';
  let exported;
  try {
    exported = require(path.join(path.resolve(volume), `${name}.js`));
  } catch (error) {
    console.error(error && error.stack ? error.stack : error);
    throw new Error(`cannot load module ${name}: ${error && error.message ? error.message : error}`);
  }
  // As in Kubeless: the export may be the function itself, or an object holding it.
  const fn = typeof exported === 'function' ? exported : exported && exported[handler];
  if (typeof fn !== 'function') throw new Error(`module ${name} has no function ${handler}`);
  return fn;
}

function errorSummary(error) {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : `Error: ${String(error)}`;
  return text.length <= 200 ? text : text.slice(0, 197) + '...';
}

async function handle(fn, payload, context) {
  const metaLength = payload.readUInt32BE(0);
  const meta = JSON.parse(payload.toString('utf8', 4, 4 + metaLength));
  const body = payload.subarray(4 + metaLength);
  const headers = meta.headers;
  let data;
  if (meta.json) {
    try {
      data = JSON.parse(body.toString('utf8'));
    } catch (error) {
      return send(BAD_REQUEST, `the body is not valid JSON (${error.message})`);
    }
  } else {
    data = body.toString('utf8');
  }
  const response = new Response();
  const event = {
    data,
    'event-id': headers['event-id'] ?? null,
    'event-type': headers['event-type'] ?? null,
    'event-time': headers['event-time'] ?? null,
    'event-namespace': headers['event-namespace'] ?? null,
    extensions: {
      request: {
        method: meta.method,
        path: meta.path,
        query: meta.query ? Object.fromEntries(new URLSearchParams(meta.query)) : {},
        rawQuery: meta.query,
        headers,
        body,
      },
      response,
    },
  };
  let frame;
  try {
    const value = await fn(event, { ...context });
    frame = resultFrame(value, response);
  } catch (error) {
    console.error('Function failed to execute:', error && error.stack ? error.stack : error);
    return send(FUNCTION_ERROR, errorSummary(error));
  }
  writeAll(frame);
}

function main() {
  let fn;
  try {
    fn = load();
  } catch (error) {
    console.error(`kfn worker: ${error.message}`);
    send(LOAD_ERROR, error.message);
    process.exit(1);
  }
  const context = {
    'function-name': process.env.FUNC_HANDLER,
    timeout: Number(process.env.FUNC_TIMEOUT || 180),
    runtime: process.env.FUNC_RUNTIME,
    'memory-limit': process.env.FUNC_MEMORY_LIMIT,
  };
  // Requests arrive one at a time (the server sends the next only after the answer), but the
  // stream may split or join frames, so they are reassembled here.
  let buffered = Buffer.alloc(0);
  let queue = Promise.resolve();
  const input = new net.Socket({ fd: 3, readable: true, writable: false });
  input.on('data', (chunk) => {
    buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
    while (buffered.length >= 4) {
      const length = buffered.readUInt32BE(0);
      if (buffered.length < 4 + length) break;
      const payload = buffered.subarray(4, 4 + length);
      buffered = buffered.subarray(4 + length);
      queue = queue.then(() => handle(fn, payload, context));
    }
  });
  input.on('end', () => process.exit(0));
  input.on('error', () => process.exit(0));
  send(READY);
}

main();

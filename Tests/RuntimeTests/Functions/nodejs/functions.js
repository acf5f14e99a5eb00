// Test functions for RuntimeTests; one handler per behaviour under test.
module.exports = {
  // Dispatches on the path (/hello, /boom, ...) so one server can show a failure and a recovery.
  main: (event, context) => module.exports[event.extensions.request.path.slice(1) || 'hello'](event, context),
  hello: () => 'hello world',
  echo: (event) => event.data,
  describe: async (event, context) => {
    const request = event.extensions.request;
    return {
      dataType: typeof event.data,
      data: event.data,
      eventId: event['event-id'],
      eventType: event['event-type'],
      eventTime: event['event-time'],
      eventNamespace: event['event-namespace'],
      method: request.method,
      path: request.path,
      query: request.query,
      header: request.headers['x-test'],
      context,
    };
  },
  boom: () => { throw new Error('boom from nodejs'); },
  // Never settles: the timeout must still fire for asynchronous work.
  forever: () => new Promise(() => {}),
  crash: () => process.exit(3),
  slow: () => new Promise((resolve) => setTimeout(() => resolve('slept'), 1000)),
  custom: (event) => {
    event.extensions.response.status(201).setHeader('x-kfn', 'yes');
    return 'created';
  },
  binary: () => Buffer.from([0, 1, 2, 255]),
  shout: () => { console.log('function says hello to the log'); return 'printed'; },
};

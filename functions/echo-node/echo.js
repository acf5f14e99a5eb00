module.exports = {
  // Handlers may return a promise; the runtime awaits it.
  handler: async (event, context) => event.data,
};

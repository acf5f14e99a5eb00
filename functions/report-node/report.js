module.exports = {
  handler: async (event, context) => ({ report: event.data.report, generatedAt: event['event-time'] || null }),
};

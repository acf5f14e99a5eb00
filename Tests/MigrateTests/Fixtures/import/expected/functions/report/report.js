module.exports = {
  handler: (event, context) => `report ${event.data.report}`,
};

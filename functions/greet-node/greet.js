const greeting = require('greeting');

module.exports = {
  handler: (event, context) => greeting.greet(event.extensions.request.query.name || 'world'),
};

module.exports = { handler: () => 'hello from default' };

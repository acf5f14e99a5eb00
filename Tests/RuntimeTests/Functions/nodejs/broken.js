// A module that does not compile, for the load-error test.
module.exports = { hello: () => { return 'never' ;

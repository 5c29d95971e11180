// node:assert/strict for the web-worker extension host: the npm `assert` package's strict mode.
module.exports = require('assert').strict;

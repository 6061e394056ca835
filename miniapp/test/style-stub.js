// Stylesheets mean nothing in jsdom tests.
module.exports = {};

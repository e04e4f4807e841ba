'use strict';
// The dashboard's own plotly.js build, as plotly.js's README documents a custom bundle
// ("Modules"): its core and the traces the page draws. Built by ./build.mjs into
// node_modules/.returns-map/plotly-custom.min.js and served as window.Plotly by
// dashboard/plotly_bundle.py.
//
// The traces (keep this list true when the figures change): `bar` (the year chart,
// dashboard/figures/bars.py), `scatter` (in the core: its labels and hover markers),
// `choropleth` and `scattergeo` (the map, dashboard/figures/map.py).
var Plotly = require('plotly.js/lib/core');

Plotly.register([
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/scattergeo'),
    require('plotly.js/lib/choropleth')
]);

module.exports = Plotly;

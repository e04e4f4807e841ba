'use strict';
// The dashboard's own plotly.js build: what `plotly.js/src/core.js` (v4.1.1) sets up, minus
// what the page never uses, plus the two geo traces it draws. Built by ./build.mjs into
// node_modules/.returns-map/plotly-custom.min.js and served as window.Plotly by
// dashboard/plotly_bundle.py.
//
// What the page uses of Plotly (keep this list true when the figures change):
// - traces: `bar` (the year chart, dashboard/figures/bars.py: one trace per status, with
//   `marker.pattern`), `scatter` (its text labels and hover markers), `choropleth` and
//   `scattergeo` (the map, dashboard/figures/map.py: regions from GeoJSON URLs matched by
//   `featureidkey`, lines, markers with symbols and angles, text);
// - layout: one cartesian subplot or one `geo` subplot (mercator) per figure, one map
//   annotation, hover labels, `dragmode` pan/select, box selection on the year chart
//   (`selectdirection="h"`), `uirevision`, `clickmode="event"`;
// - dcc.Graph: Plotly.react, purge, Plots.resize, the graph div's events (click, hover,
//   selected, relayout), and animate/addFrames/deleteFrames (only with `animate=True`);
// - the modebar on the explore page's map (pan, zoom, reset; "toImage" removed), and
//   Plotly.downloadImage (PNG and SVG) from assets/app.js.
//
// Every difference from core.js is marked "CUT:" with its reason. More is left out by
// ./build.mjs: the attributes' documentation strings, and a few dependencies replaced by the
// files in ./shims/ (each says what it replaces and why the page never needs it). To check what
// a change costs, `node frontend/plotly/build.mjs --analyze` prints the largest inputs.

exports.version = require('plotly.js/src/version').version;

// CUT: `require('native-promise-only')`, a Promise polyfill for browsers without Promise
// (it does nothing where Promise exists). Every browser that can run the page has Promise:
// React 18, Dash's renderer and dcc.Graph use it, and this bundle's own syntax (es2016
// target: arrow functions, classes, let/const) already needs a browser newer than Promise.

// inject plot css
require('plotly.js/build/plotcss');

// include registry module and expose register method
var Registry = require('plotly.js/src/registry');
var register = exports.register = Registry.register;

// expose plot api methods: plotly.js/src/plot_api/index.js, less three methods
var main = require('plotly.js/src/plot_api/plot_api');
var getGraphDiv = require('plotly.js/src/lib/dom').getGraphDiv;
var eraseActiveShape = require('plotly.js/src/components/shapes/draw').eraseActiveShape;
var plotApi = {
    _doPlot: main._doPlot,
    newPlot: main.newPlot,
    restyle: main.restyle,
    relayout: main.relayout,
    redraw: main.redraw,
    update: main.update,
    _guiRestyle: main._guiRestyle,
    _guiRelayout: main._guiRelayout,
    _guiUpdate: main._guiUpdate,
    _storeDirectGUIEdit: main._storeDirectGUIEdit,
    react: main.react,
    extendTraces: main.extendTraces,
    prependTraces: main.prependTraces,
    addTraces: main.addTraces,
    deleteTraces: main.deleteTraces,
    moveTraces: main.moveTraces,
    purge: main.purge,
    addFrames: main.addFrames,
    deleteFrames: main.deleteFrames,
    animate: main.animate,
    setPlotConfig: main.setPlotConfig,
    deleteActiveShape: function(gd) {
        return eraseActiveShape(getGraphDiv(gd));
    },
    toImage: require('plotly.js/src/plot_api/to_image'),
    downloadImage: require('plotly.js/src/snapshot/download')
    // CUT: `validate` (plot_api/validate.js) and `makeTemplate` / `validateTemplate`
    // (plot_api/template_api.js): developer tools for checking figures and making templates.
    // Neither the page, dcc.Graph nor plotly.js itself calls them (plotly.js reaches its API
    // methods through Registry.call, only for the ones above); figures are validated in
    // Python by plotly.py when they are built.
};
var methodNames = Object.keys(plotApi);
for(var i = 0; i < methodNames.length; i++) {
    var name = methodNames[i];
    // _ -> private API methods, but still registered for internal use
    if(name.charAt(0) !== '_') exports[name] = plotApi[name];
    register({
        moduleType: 'apiMethod',
        name: name,
        fn: plotApi[name]
    });
}

// scatter is the only trace included by default
register(require('plotly.js/src/traces/scatter'));
register(require('plotly.js/src/traces/bar')); // the year chart (dashboard/figures/bars.py)

// register all registrable components modules
register([
    require('plotly.js/src/components/annotations'), // the map's "no breakdown" note
    // CUT: annotations3d (3D scenes only; no gl3d in this build)
    require('plotly.js/src/components/selections'), // box select on the year chart
    require('plotly.js/src/components/shapes'), // selection outlines are drawn with shapes' code
    // CUT: images (layout.images: none), updatemenus (layout.updatemenus: none),
    // sliders (layout.sliders: none; the year slider is a dcc.RangeSlider),
    // rangeslider and rangeselector (date-axis widgets: the year axis is numeric and has none),
    // errorbars (error_x / error_y: no trace has them).
    // CUT: grid (layout.grid, for laying out several subplots): each figure has one subplot
    // and sets no layout.grid; without the component plotly skips grid defaults (a no-op).
    require('plotly.js/src/components/colorscale'), // choropleth z -> colour
    // CUT: colorbar's registration, i.e. drawing colour bars (components/colorbar/draw.js).
    // Every choropleth sets showscale=False and no scatter marker or line has a colorscale, so
    // plotly never has a colour bar to draw. The colour-bar attributes and defaults that
    // colorscale needs still come in (components/colorscale requires them directly).
    require('plotly.js/src/components/legend'), // legend needs to come after shape | legend defaults depends on shapes
    require('plotly.js/src/components/fx'), // fx needs to come after legend | unified hover defaults depends on legends
    require('plotly.js/src/components/modebar') // the explore page's map toolbar
]);

// the traces of the map (plotly.js/lib/index-geo.js registers these, plus world calendars:
// CUT: calendars, for non-Gregorian date axes; the year axis is numeric)
register([
    require('plotly.js/src/traces/scattergeo'),
    require('plotly.js/src/traces/choropleth')
]);

// locales en and en-US are required for default behavior
register([
    require('plotly.js/src/locale-en'),
    require('plotly.js/src/locale-en-us')
]);

// locales that are present in the window should be loaded
if(window.PlotlyLocales && Array.isArray(window.PlotlyLocales)) {
    register(window.PlotlyLocales);
    delete window.PlotlyLocales;
}

// plot icons
exports.Icons = require('plotly.js/src/fonts/ploticon');

// unofficial 'beta' plot methods, use at your own risk
var Fx = require('plotly.js/src/components/fx');
var Plots = require('plotly.js/src/plots/plots');

exports.Plots = {
    resize: Plots.resize,
    graphJson: Plots.graphJson,
    sendDataToCloud: Plots.sendDataToCloud
};
exports.Fx = {
    hover: Fx.hover,
    unhover: Fx.unhover,
    loneHover: Fx.loneHover,
    loneUnhover: Fx.loneUnhover
};
// CUT: `Plotly.Snapshot` (the "beta" clone / toSVG / toImage helpers; it alone pulls in
// snapshot/cloneplot.js and snapshot/toimage.js). Image export goes through
// Plotly.downloadImage and Plotly.toImage, kept above.
exports.PlotSchema = require('plotly.js/src/plot_api/plot_schema');

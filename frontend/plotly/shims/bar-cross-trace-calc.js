'use strict';
// Stands in for plotly.js/src/traces/bar/cross_trace_calc.js (the bar trace's grouping and
// stacking, ~8 KB minified) where scatter loads it: src/traces/scatter/cross_trace_calc.js
// uses it only to offset scatter points side by side, and hands it only the traces that have
// an `orientation`. plotly sets that only with `layout.scattermode = "group"` or a
// `stackgroup`; the year chart (dashboard/figures/bars.py) has neither, so the list is always
// empty, and for an empty list the real function returns at once (its first line), as this one
// does. Given any trace, this one fails loudly rather than drawing it wrongly.
exports.setGroupPositions = function(gd, pa, sa, calcTraces) {
    if(!calcTraces.length) return;
    throw new Error('scatter traces with `scattermode: "group"` or a `stackgroup` are not in the ' +
        'returns-map Plotly build (frontend/plotly/shims/bar-cross-trace-calc.js)');
};

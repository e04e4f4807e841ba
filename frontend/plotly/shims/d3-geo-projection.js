'use strict';
// Stands in for `d3-geo-projection` (~110 KB minified: several dozen extra map projections).
//
// plotly.js picks a projection as `geo[projName] || geoProjection[projName]`
// (src/plots/geo/geo.js, getProjection), so this module is only reached for a projection that
// d3-geo itself lacks. The dashboard's map uses `projection_type="mercator"`
// (dashboard/figures/map.py), which d3-geo has (geoMercator); so do plotly's other defaults
// (equirectangular, orthographic, albersUsa, ...).
//
// Any other projection would fail with a message naming this file rather than with
// "projFn is not a function".
module.exports = new Proxy({}, {
    get: function(target, name) {
        if(typeof name === 'string' && name.indexOf('geo') === 0) {
            throw new Error('Map projection ' + name + ' is not in the returns-map Plotly build ' +
                '(frontend/plotly/shims/d3-geo-projection.js); only the projections of d3-geo are.');
        }
        return undefined;
    }
});

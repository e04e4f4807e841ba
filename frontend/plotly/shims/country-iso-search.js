'use strict';
// Stands in for `country-iso-search` (country names and aliases in many languages).
//
// plotly.js uses it only for `locationmode="country names"` (src/lib/geo_location_utils.js).
// The dashboard's choropleths match their regions by GeoJSON feature id (`geojson=` +
// `featureidkey="properties.id"`, dashboard/figures/map.py), never by country name, and its
// scattergeo traces give `lon`/`lat`, never `locations`. A country name given anyway is looked
// up here, not found, and logged by plotly as "Unrecognized country name" (no crash).
exports.COUNTRIES = [];
exports.createLookup = function() {
    return {lookupAlpha3: function() { return undefined; }};
};

'use strict';
// Stands in for the `gl-mat4` index, which pulls in all of its 4x4-matrix functions.
//
// Outside the WebGL traces (not in this build) plotly.js calls only two of them:
// `multiply` (src/lib/dom.js, the CSS transform of the graph's ancestors, for hover and drag
// under a scaled page) and `invert` (src/lib/matrix.js). Both come from the real package.
exports.multiply = require('gl-mat4/multiply');
exports.invert = require('gl-mat4/invert');

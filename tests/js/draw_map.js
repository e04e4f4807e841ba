// What the page does with the server's map data, for tests/test_figures.py: reads
// {figure, view, frames, frames_view, range, shown} as JSON on stdin, names the frames by
// frames_view's filters as the page does (view.js filtersKey), applies assets/view.js
// mapAssignments for `view` to the figure, and writes {figure, shown} to stdout.
'use strict';
const V = require('../../assets/view.js');

let input = '';
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const {figure, view, frames, frames_view: framesView, range, shown} = JSON.parse(input);
  if (frames && framesView) { frames.key = V.filtersKey(framesView); }
  const drawn = V.mapAssignments(view, frames, range, shown);
  if (drawn) {
    for (const [path, value] of drawn.assign) {
      let node = figure;
      for (const key of path.slice(0, -1)) {
        if (node[key] === undefined) { node[key] = {}; }
        node = node[key];
      }
      node[path[path.length - 1]] = value;
    }
  }
  process.stdout.write(JSON.stringify({figure, shown: drawn ? drawn.shown : null}));
});

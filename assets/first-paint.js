/* The handover from the first screen the server paints (dashboard/first_paint.py: a static
   copy of the view, `.first-paint`, just before Dash's `#react-entry-point`) to the live page.

   The copy gives way (is removed) once the live page is there and its map is drawn, so the
   static map is never replaced by an empty frame; if the live map cannot be drawn, it gives
   way all the same `GIVE_UP_MS` after the live page appeared, so the working page is never
   hidden for good. Until then the live page renders unpainted under it (style.css).
   `giveWay` is the rule, unit-tested in tests/js/first-paint.test.js; the rest is a poll. */
(function (root, factory) {
  'use strict';
  if (typeof module === 'object' && module.exports) { module.exports = factory(); }
  else { root.returnsFirstPaint = factory(); }
}(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  var GIVE_UP_MS = 8000;
  var POLL_MS = 100;

  // page: {live: the live page is rendered, mapDrawn: its map has drawn its regions,
  //        liveSince: when the live page was first seen (ms), now (ms)}
  function giveWay(page) {
    if (!page.live) { return false; }
    return page.mapDrawn || page.now - page.liveSince >= GIVE_UP_MS;
  }

  function watch(doc, clock) {
    var copy = doc.querySelector('.first-paint');
    var entry = doc.getElementById('react-entry-point');
    if (!copy || !entry) { return; }
    var liveSince = null;
    var timer = setInterval(function () {
      var now = clock();
      var live = !!entry.querySelector('.map-graph');
      if (live && liveSince === null) { liveSince = now; }
      var mapDrawn = !!entry.querySelector('.map-graph .js-plotly-plot .choroplethlocation');
      if (giveWay({live: live, mapDrawn: mapDrawn, liveSince: liveSince, now: now})) {
        clearInterval(timer);
        copy.parentNode.removeChild(copy);
      }
    }, POLL_MS);
  }

  if (typeof document !== 'undefined') {
    watch(document, function () { return window.performance.now(); });
  }
  return {giveWay: giveWay, GIVE_UP_MS: GIVE_UP_MS};
}));

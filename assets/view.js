/* The view a visitor looks at, as the browser holds it: pure functions, no DOM, no Dash.

   The browser owns the view (the `view` store): every change of it, from a year key to a
   tour stop, is one of the domain actions below, applied by `reduce`. The server never
   writes the view; it validates what it reads (dashboard/state.py) and sends back data:
   the year frames and the range frame the map is drawn from (dashboard/figures/map.py),
   the bars' data, the canonical query of the view. Everything here is unit-tested with
   `node --test tests/js` (run by the README's test command).

   Loaded by Dash as an asset (window.returnsView) and by node as a module. */
(function (root, factory) {
  'use strict';
  if (typeof module === 'object' && module.exports) { module.exports = factory(); }
  else { root.returnsView = factory(); }
}(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  // -- years --------------------------------------------------------------------------------

  function isPair(pair, years) {
    return Array.isArray(pair) && pair.length === 2 && years.indexOf(pair[0]) >= 0 &&
      years.indexOf(pair[1]) >= 0 && pair[0] <= pair[1];
  }

  /* The years after a step ('next', 'prev', 'first', 'last', 'extend', 'shrink') from the
     pair `current`, within the recorded `years`; `wrap` (Play) goes round after the last. */
  function stepYears(action, current, years, wrap) {
    var single = current[0] === current[1];
    var at = function (year) { return years.indexOf(year); };
    var last = years.length - 1;
    if (action === 'first') { return [years[0], years[0]]; }
    if (action === 'last') { return [years[last], years[last]]; }
    if (action === 'next') {
      if (!single) { return [current[0], current[0]]; }
      var n = at(current[0]) + 1;
      if (n > last) { n = wrap ? 0 : last; }
      return [years[n], years[n]];
    }
    if (action === 'prev') {
      if (!single) { return [current[1], current[1]]; }
      return [years[Math.max(0, at(current[0]) - 1)], years[Math.max(0, at(current[0]) - 1)]];
    }
    if (action === 'extend') { return [current[0], years[Math.min(last, at(current[1]) + 1)]]; }
    if (action === 'shrink') { return [current[0], years[Math.max(at(current[0]), at(current[1]) - 1)]]; }
    return null;
  }

  /* The years a click or a drag on the year chart picked (its points' x), or null. */
  function chartYears(payload, years) {
    var points = payload && Array.isArray(payload.points) ? payload.points : [];
    var xs = points.map(function (p) { return p && p.x; })
      .filter(function (x) { return typeof x === 'number' && years.indexOf(x) >= 0; });
    if (!xs.length) { return null; }
    return [Math.min.apply(null, xs), Math.max.apply(null, xs)];
  }

  /* The years a year-control input chooses: `input` is what fired ('keys', 'click',
     'select', 'tick') and `value` its value; `current` the view's years. Keys are a queue of
     presses (each {seq, action}), of which those after `seen` (the last seq applied) are
     applied in order, so two presses that reach Dash together still move two years.
     Returns {years, seq} (seq: the last press now applied), or null when nothing valid was
     chosen. */
  function chooseYears(input, value, current, years, seen) {
    var seq = typeof seen === 'number' ? seen : 0;
    var pair = null;
    if (input === 'keys') {
      var pending = (Array.isArray(value) ? value : []).filter(function (k) {
        return k && typeof k.seq === 'number' && k.seq > seq;
      });
      if (!pending.length) { return null; }
      pair = current;
      pending.forEach(function (k) { pair = stepYears(k.action, pair, years, false) || pair; });
      seq = pending[pending.length - 1].seq;
    } else if (input === 'tick') {
      pair = value > 0 ? stepYears('next', current, years, true) : null;
    } else if (input === 'click' || input === 'select') {
      pair = chartYears(value, years);
    }
    return isPair(pair, years) ? {years: pair, seq: seq} : null;
  }

  // -- the view -----------------------------------------------------------------------------

  function sameView(a, b) {
    if (!a || !b) { return false; }
    var keys = Object.keys(a);
    return keys.length === Object.keys(b).length &&
      keys.every(function (k) { return String(a[k]) === String(b[k]); });
  }

  function assign(view, changes) {
    var next = {};
    Object.keys(view).forEach(function (k) { next[k] = view[k]; });
    Object.keys(changes).forEach(function (k) { next[k] = changes[k]; });
    return sameView(view, next) ? view : next;
  }

  function clickedPoint(payload) {
    var points = payload && Array.isArray(payload.points) ? payload.points : [];
    return points.length && points[0] && typeof points[0] === 'object' ? points[0] : null;
  }

  /* The view after `action` (one of the domain actions below). `context` says what is
     valid (dashboard/layout.py view_context: years, region and port ids, layers). Anything
     malformed or unknown leaves the view as it was (the same object). */
  function reduce(view, action, context) {
    if (!view || !action || !context) { return view; }
    var ports = context.ports || [], regions = context.regions || [], layers = context.layers || [];
    switch (action.type) {
      case 'setYears':
        return isPair(action.years, context.years || []) ?
          assign(view, {year_from: action.years[0], year_to: action.years[1]}) : view;
      case 'choosePort':
        return action.id === '' || ports.indexOf(action.id) >= 0 ? assign(view, {port: action.id}) : view;
      case 'chooseRegion':
        return action.id === '' || regions.indexOf(action.id) >= 0 ? assign(view, {region: action.id}) : view;
      case 'chooseLayer':
        return layers.indexOf(action.id) >= 0 ? assign(view, {layer: action.id}) : view;
      case 'clearFilters':
        return assign(view, {region: '', port: ''});
      case 'clickMap': {
        // a port marker carries its id in customdata, a region its id in location; a second
        // click on the chosen one lets it go
        var point = clickedPoint(action.payload);
        if (!point) { return view; }
        if (typeof point.customdata === 'string' && ports.indexOf(point.customdata) >= 0) {
          return assign(view, {port: view.port === point.customdata ? '' : point.customdata});
        }
        if (typeof point.location === 'string' && regions.indexOf(point.location) >= 0) {
          return assign(view, {region: view.region === point.location ? '' : point.location});
        }
        return view;
      }
      case 'openView':
        // a whole view the server has checked (a link, a tour or story stop, a search): the
        // page keeps its own language and mode (they are the page's, not the stop's)
        if (!action.view || typeof action.view !== 'object') { return view; }
        return assign(view, {year_from: action.view.year_from, year_to: action.view.year_to,
                             region: action.view.region || '', port: action.view.port || '',
                             layer: action.view.layer || view.layer});
      default:
        return view;
    }
  }

  /* What the year frames, the bars and the region suggestions depend on: all but the years. */
  function filtersKey(view) {
    return view ? JSON.stringify([view.region, view.port, view.lang, view.layer, view.mode]) : '';
  }

  /* What the view's filters store says after the view went from `before` to `after`:
     {key, first} when the filters changed (first: the page's first view, which came with
     its chart and its list of places), or null when only the years did. */
  function filtersChange(before, after) {
    if (!after) { return null; }
    var key = filtersKey(after);
    if (before && filtersKey(before) === key) { return null; }
    return {key: key, first: !before};
  }

  // -- drawing from the server's data --------------------------------------------------------

  /* The map's assignments for `view` as [[path...], value] pairs: from the year frames
     (dashboard/figures/map.py year_frames) for a single year, or from the range frame for
     the view itself; only what differs from the frame the map shows (`shown`). Returns
     {assign, shown} or null when no data for this view has arrived yet. */
  function mapAssignments(view, frames, range, shown) {
    var key = filtersKey(view);
    var keys, row, values, before = null, label;
    if (view.year_from === view.year_to && frames && frames.key === key && frames.frames &&
        frames.frames[String(view.year_from)]) {
      keys = frames.keys;
      values = frames.values;
      row = frames.frames[String(view.year_from)];
      label = key + '@' + view.year_from;
      if (shown && shown.indexOf(key + '@') === 0 && frames.frames[shown.slice(key.length + 1)]) {
        before = frames.frames[shown.slice(key.length + 1)];
      }
    } else if (range && sameView(range.view, view)) {
      keys = range.keys;
      values = range.values;
      row = values.map(function (_, i) { return i; });
      label = key + '@' + view.year_from + '-' + view.year_to;
    } else {
      return null;
    }
    if (label === shown) { return {assign: [], shown: shown}; }
    var out = [];
    keys.forEach(function (k, i) {
      if (before && before[i] === row[i]) { return; }
      out.push([['data', k[0]].concat(String(k[1]).split('.')), values[row[i]]]);
    });
    return {assign: out, shown: label};
  }

  /* The chosen years' box over the year chart's plot area (its left edge and width, in % of
     it): the years outside it are veiled by the box's shadow (assets/style.css
     .year-selection-box). `style` comes from the server (dashboard/figures/bars.py
     chart_style). */
  function selectionBox(pair, style) {
    var lo = style.x_range[0], span = style.x_range[1] - lo;
    var left = (pair[0] - 0.5 - lo) / span * 100, right = (pair[1] + 0.5 - lo) / span * 100;
    var round = function (x) { return Math.round(x * 1000) / 1000 + '%'; };
    return {left: round(left), width: round(right - left)};
  }

  function yearsText(pair) { return pair[0] === pair[1] ? String(pair[0]) : pair[0] + '–' + pair[1]; }

  // -- the tour -------------------------------------------------------------------------------

  /* The tour's state after a control: 'start', 'next', 'prev', 'exit' or {jump: i}. */
  function stepTour(state, control, count) {
    var active = !!(state && state.active === true);
    var stop = state && typeof state.stop === 'number' && state.stop >= 0 && state.stop < count ? state.stop : 0;
    if (!count || control === 'exit') { return {active: false, stop: 0}; }
    if (control === 'start' || !active) { return {active: true, stop: 0}; }
    if (control === 'next') { return {active: true, stop: (stop + 1) % count}; }
    if (control === 'prev') { return {active: true, stop: (stop - 1 + count) % count}; }
    if (control && typeof control.jump === 'number' && control.jump >= 0 && control.jump < count) {
      return {active: true, stop: control.jump};
    }
    return {active: active, stop: stop};
  }

  /* A view's query with a story's link kept in it (a story's address reopens the story). */
  function withStory(query, link) {
    if (typeof link !== 'string' || !/^[A-Za-z0-9_-]+$/.test(link)) { return query; }
    var base = query && query !== '?' ? query + '&' : '?';
    return base + 'story=' + link;
  }

  /* What the address bar does: 'keep' it when it shows the view's query `wanted`; 'read' a
     query the visitor came to by themselves (`navigated`: back, forward) for the view it
     names, even when the view changed at the same time; else 'write' the view's query. */
  function addressAction(wanted, search, navigated) {
    if ((search || '') === (wanted || '')) { return 'keep'; }
    return navigated ? 'read' : 'write';
  }

  /* The table's order after a click on a column's header: that column ascending, or the
     other way round when it was already the order. */
  function sortAfter(current, column, columns) {
    if (columns.indexOf(column) < 0) { return null; }
    var same = current && current.column === column;
    return {column: column, ascending: same ? current.ascending === false : true};
  }

  return {
    sortAfter: sortAfter, stepYears: stepYears, chartYears: chartYears, chooseYears: chooseYears, isPair: isPair,
    reduce: reduce, sameView: sameView, filtersKey: filtersKey, filtersChange: filtersChange, mapAssignments: mapAssignments,
    selectionBox: selectionBox, yearsText: yearsText, stepTour: stepTour, withStory: withStory,
    addressAction: addressAction
  };
}));

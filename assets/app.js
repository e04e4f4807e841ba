/* The browser's callbacks (registered by dashboard/clientside.py as
   window.dash_clientside.returns.*) and the few DOM listeners Dash has no component for.
   The logic lives in assets/view.js (pure, unit-tested); this file only connects it to
   Dash's callbacks and the page's public hooks (dashboard/ids.py lists them). */
(function () {
  'use strict';

  function V() { return window.returnsView; }
  function nu() { return window.dash_clientside.no_update; }
  function context() { return window.dash_clientside.callback_context || {}; }
  function triggered() { return context().triggered_id; }
  function sameId(a, b) {
    if (typeof a !== 'object' || typeof b !== 'object' || !a || !b) { return a === b; }
    var keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every(function (k) { return a[k] === b[k]; });
  }
  // Which of the callback's inputs fired, by its place in dashboard/clientside.py's list
  // (so no component id is written here), or -1 on the page's first call; `firedAll`: all of
  // them, when Dash ran the callback once for inputs that changed together.
  function firedAll() {
    var c = context(), list = c.inputs_list || [], out = [];
    (c.triggered || []).forEach(function (t) {
      var prop = (t && t.prop_id) || '', cut = prop.lastIndexOf('.');
      var property = prop.slice(cut + 1), text = prop.slice(0, cut);
      var id = text.charAt(0) === '{' ? JSON.parse(text) : text;
      for (var k = 0; k < list.length; k++) {
        var entries = Array.isArray(list[k]) ? list[k] : [list[k]];
        for (var e = 0; e < entries.length; e++) {
          if (entries[e] && entries[e].property === property && sameId(entries[e].id, id) &&
              out.indexOf(k) < 0) { out.push(k); }
        }
      }
    });
    return out;
  }
  function fired() { var all = firedAll(); return all.length ? all[0] : -1; }
  // the ids of a callback's outputs that match a pattern (one pattern output, or the k-th)
  function outputIds(k) {
    var list = context().outputs_list || [];
    var entries = Array.isArray(list[0]) ? list[k || 0] : list;
    return (entries || []).map(function (o) { return o.id; });
  }
  function patchOf(assignments) {
    var patch = new window.dash_clientside.Patch();
    assignments.forEach(function (pair) { patch.assign(pair[0], pair[1]); });
    return patch.build();
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    returns: {
      // the view's one writer: each input is one domain action. The year inputs (keys and
      // the previous/next buttons, queued by the listener below; a click or a drag on the
      // chart; a Play tick) choose the years here, so a step is one callback, not two. It
      // also writes the view's filters (all but the years) when they change: the year frames,
      // the chart's data and the region suggestions follow them, so a year step asks the
      // server for none of them, and no other callback waits on the view to say so.
      reduceView: function (keys, click, selected, tick, toggles, mapClick, found, tour, view, seen, ctx) {
        var input = fired(), id = triggered();
        if (!view || !ctx) { return [nu(), nu(), nu()]; }
        if (input < 0) { return [nu(), nu(), V().filtersChange(null, view)]; }   // the page's first call
        var action = null, seenNow = nu();
        if (input <= 3) {
          var kind = ['keys', 'click', 'select', 'tick'][input];
          var pick = V().chooseYears(kind, [keys, click, selected, tick][input], [view.year_from, view.year_to],
                                     ctx.years, seen);
          if (pick) { action = {type: 'setYears', years: pick.years}; }
          if (pick && pick.seq !== seen) { seenNow = pick.seq; }
        }
        else if (input === 4 && id && id.kind === 'clear') { action = {type: 'clearFilters'}; }
        else if (input === 4 && id) {
          action = {type: id.kind === 'layer' ? 'chooseLayer' : 'choosePort', id: id.value};
        }
        else if (input === 5) { action = {type: 'clickMap', payload: mapClick}; }
        else if (input === 6 && found && found.kind === 'view') { action = {type: 'openView', view: found.view}; }
        else if (input === 6 && found) {
          action = {type: found.kind === 'port' ? 'choosePort' : 'chooseRegion', id: found.id};
        }
        else if (input === 7 && tour && tour.active && tour.view) { action = {type: 'openView', view: tour.view}; }
        var next = V().reduce(view, action, ctx);
        if (next === view) { return [nu(), seenNow, nu()]; }
        return [next, seenNow, V().filtersChange(view, next) || nu()];
      },
      sortTable: function (clicks, sort, columns) {
        var id = triggered();
        if (!id || !(clicks || []).some(function (n) { return n > 0; })) { return nu(); }
        return V().sortAfter(sort, id.column, columns || []) || nu();
      },
      drawMap: function (view, frames, range, reset, shown, ctx) {
        if (fired() === 3 && ctx) {
          var home = ctx.map_home;
          return [patchOf([[['layout', 'geo', 'lonaxis', 'range'], home.lonaxis],
                           [['layout', 'geo', 'lataxis', 'range'], home.lataxis],
                           [['layout', 'geo', 'projection', 'scale'], 1], [['layout', 'geo', 'center'], {}],
                           [['layout', 'uirevision'], 'map-' + reset]]), nu()];
        }
        if (!view) { return [nu(), nu()]; }
        var drawn = V().mapAssignments(view, frames, range, shown);
        if (shown === null || shown === undefined) {
          // the page came with the map drawn for its view: nothing to draw, only to remember
          return [nu(), drawn ? drawn.shown : ''];
        }
        if (!drawn || drawn.shown === shown) { return [nu(), nu()]; }
        return [patchOf(drawn.assign), drawn.shown];
      },
      // the chosen years' box, the control's value, and the chart's data when the filters
      // change; a drag's selection outline is cleared once the drag has chosen the years
      drawChart: function (view, bars, ctx, dragged) {
        if (!view || !ctx) { return [nu(), nu(), nu(), nu(), nu()]; }
        var pair = [view.year_from, view.year_to];
        var assign = fired() === 1 && bars ? bars.assign.slice() : [];
        if (dragged) { assign.push([['layout', 'selections'], []]); }
        var text = V().yearsText(pair), box = V().selectionBox(pair, ctx.chart);
        if (fired() < 0) { return [nu(), box, nu(), nu(), nu()]; }   // the page came with the rest
        return [assign.length ? patchOf(assign) : nu(), box, String(pair[0]), text, text];
      },
      // the pressed port and layer: they change with the filters only, not with a year step
      showChoices: function (filters, view) {
        if (!filters || filters.first) { return nu(); }   // the page came with them pressed
        return outputIds().map(function (id) {
          if (id.kind === 'clear') { return null; }   // an action, not a toggle
          return (id.kind === 'layer' ? view.layer : view.port) === id.value ? 'true' : 'false';
        });
      },
      // the address bar follows the view (the server's canonical query); a query the browser
      // came to by itself (back, forward) is sent to the server to be read, and wins over the
      // query of the view it left when both changed at once. That request is set, not a
      // declared output: declared, it would close a loop of callbacks (the view, its query,
      // this, the server's reading, the view), and Dash runs a callback on a loop only when
      // nothing else is pending, in an order of its own (tests/test_callback_width.py)
      syncUrl: function (query, search, request, tour) {
        var wanted = V().withStory(query ? query.query : '', tour && tour.link);
        var action = V().addressAction(wanted, search, firedAll().indexOf(1) >= 0);
        if (action === 'write') { return wanted; }
        if (action === 'read') {
          window.dash_clientside.set_props(context().states_list[0].id,
                                           {data: {query: search || '', n: (request && request.n || 0) + 1}});
        }
        return nu();
      },
      showLinks: function (query, tour) {
        return outputIds().map(function (id) { return V().withStory(query.langs[id.lang] || '?', tour && tour.link); });
      },
      selectTab: function () {
        var clicked = triggered();
        var names = outputIds(0).map(function (id) { return id.name; });
        var name = clicked && names.indexOf(clicked.name) >= 0 ? clicked.name : names[0];
        return [names.map(function (n) { return n === name ? 'true' : 'false'; }),
                names.map(function (n) { return n === name ? '0' : '-1'; }), name];
      },
      stepTour: function (start, next, prev, exit, jumps, state, data) {
        var id = triggered();
        var control = ['start', 'next', 'prev', 'exit'][fired()] ||
          (id && typeof id.index === 'number' ? {jump: id.index} : null);
        var stops = data && Array.isArray(data.stops) ? data.stops : [];
        var after = V().stepTour(state, control, stops.length);
        var story = data && data.id === 'story' ? ' story' : '';
        if (!after.active) { return [after, 'tour inactive' + story, '', '', '', '']; }
        var stop = stops[after.stop];
        after.view = stop.view;   // the view the stop opens (reduceView reads it here)
        return [after, 'tour active' + story, stop.caption, stop.sources, stop.position, stop.note || ''];
      },
      togglePlay: function (n, disabled, playLabel, pauseLabel) {
        if (!n) { return [nu(), nu(), nu()]; }
        var playing = !!disabled;  // it was stopped: start it
        return [!playing, playing ? pauseLabel : playLabel, playing ? 'true' : 'false'];
      },
      // the layout's page was built for another URL (no Referer came with its request): ask
      // the server for the page of this one
      renderRequest: function (pathname, search, builtFor) {
        return builtFor === (search || '') ? nu() : (search || '');
      }
    }
  });

  // -- on the page: what Dash has no component or callback for -----------------------------

  // Keys on the year control and its previous/next buttons: queued, each with a number, for
  // reduceView to apply once each (two presses that reach Dash together move two years). A
  // page built anew (its control is another element) starts a new queue.
  var keyQueue = [], keySeq = 0, keyControl = null;
  var YEAR_KEYS = {ArrowRight: 'next', ArrowUp: 'next', ArrowLeft: 'prev', ArrowDown: 'prev',
                   Home: 'first', End: 'last'};
  function queueYearStep(action) {
    var control = document.querySelector('.year-control[data-key-store]');
    if (!control || !window.dash_clientside.set_props) { return false; }
    if (control !== keyControl) { keyControl = control; keyQueue = []; keySeq = 0; }
    keySeq += 1;
    keyQueue = keyQueue.concat([{seq: keySeq, action: action}]).slice(-16);
    window.dash_clientside.set_props(control.getAttribute('data-key-store'), {data: keyQueue});
    return true;
  }

  document.addEventListener('click', function (event) {
    var target = event.target && event.target.closest ? event.target : null;
    if (!target) { return; }
    var step = target.closest('[data-year-step]');
    if (step) { queueYearStep(step.getAttribute('data-year-step')); return; }
    var save = target.closest('[data-save]');
    if (save) {
      var graph = document.querySelector('.map-graph .js-plotly-plot');
      if (graph && window.Plotly) {
        window.Plotly.downloadImage(graph, {format: save.getAttribute('data-save'), filename: 'returns-map',
                                            width: 1400, height: 1000});
      }
    }
  });

  document.addEventListener('keydown', function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.isComposing) { return; }
    var target = event.target;
    if (target && target.classList && target.classList.contains('year-control')) {
      var action = YEAR_KEYS[event.key];
      if (event.shiftKey && (event.key === 'ArrowRight' || event.key === 'ArrowLeft')) {
        action = event.key === 'ArrowRight' ? 'extend' : 'shrink';
      }
      if (action && queueYearStep(action)) { event.preventDefault(); }
      return;
    }
    if (target && target.getAttribute && target.getAttribute('role') === 'tab') {
      var tabs = Array.prototype.slice.call(target.parentNode.querySelectorAll('[role=tab]'));
      var i = tabs.indexOf(target), j = -1;
      if (event.key === 'ArrowRight') { j = (i + 1) % tabs.length; }
      else if (event.key === 'ArrowLeft') { j = (i - 1 + tabs.length) % tabs.length; }
      else if (event.key === 'Home') { j = 0; }
      else if (event.key === 'End') { j = tabs.length - 1; }
      if (j < 0) { return; }
      event.preventDefault();
      tabs[j].focus();
      tabs[j].click();
    }
  });

  // What is built once it is wanted: the search box's list of places, when the box is first
  // focused (dashboard/layout.py, data-focus-store), and the story builder's body, when the
  // builder is first opened (story_panel.py, data-open-store; a <details>' toggle does not
  // bubble, so it is heard as it goes down). Each tells its store once.
  function wanted(element, attribute) {
    if (!element || element.hasAttribute('data-wanted') || !window.dash_clientside.set_props) { return; }
    element.setAttribute('data-wanted', '');
    window.dash_clientside.set_props(element.getAttribute(attribute), {data: true});
  }
  document.addEventListener('focusin', function (event) {
    wanted(event.target && event.target.closest ? event.target.closest('[data-focus-store]') : null,
           'data-focus-store');
  });
  document.addEventListener('toggle', function (event) {
    var box = event.target;
    if (box && box.open && box.matches && box.matches('[data-open-store]')) { wanted(box, 'data-open-store'); }
  }, true);

  // The tab panel's content is built once the panel is on screen (dashboard/tabs.py): tell
  // its store when it first is (the page's panel, and a panel the page was rebuilt with).
  var inView = typeof IntersectionObserver === 'function' ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting || !window.dash_clientside.set_props) { return; }
      inView.unobserve(entry.target);
      window.dash_clientside.set_props(entry.target.getAttribute('data-in-view-store'), {data: true});
    });
  }) : null;
  var panels = new MutationObserver(function () {
    var root = document.getElementById('react-entry-point') || document;
    var panel = root.querySelector('.tabpanel[data-in-view-store]:not([data-watched])');
    if (!panel) { return; }
    panel.setAttribute('data-watched', '');
    if (inView) { inView.observe(panel); }
    else { window.dash_clientside.set_props(panel.getAttribute('data-in-view-store'), {data: true}); }
  });
  panels.observe(document.documentElement, {childList: true, subtree: true});

  // The filters open, and the legend closes, where the stylesheet says there is (no) room
  // for them (--filters-open, --legend-open in style.css), once, when the page appears.
  function openWhereRoom(root) {
    var done = 0;
    [['.filters', '--filters-open'], ['.legend-box', '--legend-open']].forEach(function (pair) {
      var element = root.querySelector(pair[0]);
      if (!element || element.hasAttribute('data-opened-once')) { return; }
      element.setAttribute('data-opened-once', '');
      var value = window.getComputedStyle(element).getPropertyValue(pair[1]).trim();
      if (value === '1') { element.open = true; }
      else if (value === '0') { element.open = false; }
      done += 1;
    });
    return done;
  }
  var watcher = new MutationObserver(function () {
    if (openWhereRoom(document) && document.querySelector('.filters[data-opened-once]') &&
        document.querySelector('.legend-box[data-opened-once]')) { watcher.disconnect(); }
  });
  watcher.observe(document.documentElement, {childList: true, subtree: true});
}());

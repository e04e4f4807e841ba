/* Browser-side helpers for the dashboard: things that need no server round trip.
   Registered from dashboard/clientside.py as window.dash_clientside.returns.* */
(function () {
  'use strict';

  var FILTER_FIELDS = ['region', 'port', 'lang', 'layer'];
  var VIEW_FIELDS = ['year_from', 'year_to', 'region', 'port', 'lang', 'layer', 'mode'];
  var X_RANGE = [1945.5, 1985.5];        // figures/bars.py X_RANGE
  var VEIL = 'rgba(255,255,255,0.72)';   // figures/bars.py VEIL
  var OUTLINE = '#0057a3';               // figures/bars.py SELECTED_OUTLINE

  function nu() { return window.dash_clientside.no_update; }

  // the years chosen here in the last few seconds, oldest first: a view that arrives with one
  // of the older ones is a late echo of the server's view, not a new view to draw
  var trail = [];

  // what the year frames depend on: figures/map.py frames_key
  function filtersKey(view) {
    return FILTER_FIELDS.map(function (f) { return view && view[f] !== undefined ? String(view[f]) : ''; }).join('|');
  }
  function sameView(a, b) {
    if (!a || !b) { return false; }
    return VIEW_FIELDS.every(function (f) { return String(a[f]) === String(b[f]); });
  }
  function yearsText(pair) { return pair[0] === pair[1] ? String(pair[0]) : pair[0] + '–' + pair[1]; }

  // the chosen years on the chart: figures/bars.py selection_shapes
  function selectionShapes(pair) {
    var left = pair[0] - 0.5, right = pair[1] + 0.5;
    function veil(x0, x1) {
      return {type: 'rect', xref: 'x', yref: 'paper', y0: 0, y1: 1, fillcolor: VEIL, line: {width: 0},
              layer: 'above', x0: x0, x1: x1};
    }
    return [veil(X_RANGE[0], left), veil(right, X_RANGE[1]),
            {type: 'rect', xref: 'x', yref: 'paper', y0: 0, y1: 1, x0: left, x1: right,
             fillcolor: 'rgba(0,0,0,0)', line: {color: OUTLINE, width: 2}, layer: 'above'}];
  }

  // the years after an action, from the current pair, within the recorded years
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
      var p = Math.max(0, at(current[0]) - 1);
      return [years[p], years[p]];
    }
    if (action === 'extend') { return [current[0], years[Math.min(last, at(current[1]) + 1)]]; }
    if (action === 'shrink') { return [current[0], years[Math.max(at(current[0]), at(current[1]) - 1)]]; }
    return null;
  }

  function validPair(pair, years) {
    return Array.isArray(pair) && pair.length === 2 && years.indexOf(pair[0]) >= 0 && years.indexOf(pair[1]) >= 0 &&
      pair[0] <= pair[1] ? pair : null;
  }

  function chartYears(payload, years) {
    var points = payload && Array.isArray(payload.points) ? payload.points : [];
    var xs = points.map(function (p) { return p && p.x; })
      .filter(function (x) { return typeof x === 'number' && years.indexOf(x) >= 0; });
    if (!xs.length) { return null; }
    return [Math.min.apply(null, xs), Math.max.apply(null, xs)];
  }

  // A Patch drawing ``target`` from the year frames (figures/map.py year_frames), or null when
  // the frames cannot draw it (other filters, language or layer, or a range of years).
  function framePatch(frames, rendered, target) {
    if (!frames || !frames.frames || target.year_from !== target.year_to) { return null; }
    if (frames.key !== filtersKey(target)) { return null; }
    var next = frames.frames[String(target.year_from)];
    if (!next) { return null; }
    if (!rendered || rendered.layer !== target.layer) { return null; }  // the layer's shapes: server
    var before = null;
    if (filtersKey(rendered) === frames.key && rendered.year_from === rendered.year_to) {
      before = frames.frames[String(rendered.year_from)] || null;
    }
    var patch = new window.dash_clientside.Patch();
    frames.keys.forEach(function (key, k) {
      if (before && before[k] === next[k]) { return; }
      patch.assign(['data', key[0]].concat(key[1].split('.')), frames.values[next[k]]);
    });
    return patch.build();
  }

  // ``fn`` once the map has been redrawn (or after a moment, if nothing needed drawing): what
  // can wait a few milliseconds (the chart's shading, the server's view) leaves the browser
  // free to draw the map first
  function afterMapDrawn(fn) {
    var gd = document.querySelector('#map .js-plotly-plot');
    var done = false;
    var run = function () {
      if (done) { return; }
      done = true;
      if (gd && gd.removeListener) { gd.removeListener('plotly_afterplot', run); }
      fn();
    };
    if (gd && gd.on) { gd.on('plotly_afterplot', run); }
    window.setTimeout(run, 400);
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    returns: {
      // The page is built in the language of <main lang>: give it to <html> and the tab title.
      pageLanguage: function () {
        var main = document.querySelector('main.main');
        if (main && main.lang) { document.documentElement.lang = main.lang; }
        var heading = document.querySelector('header h1');
        if (heading) { document.title = heading.textContent; }
        // the filters are open where there is room for them (closed on a phone)
        var filters = document.getElementById('filters');
        if (filters && window.matchMedia && window.matchMedia('(min-width: 640px)').matches) {
          filters.open = true;
        }
        // the legend opens where the map has room for it beside Japan (a tall window), else
        // it waits behind its button: open at 1440×900 it covered Honshu's Pacific coast
        var legend = document.getElementById('legend');
        if (legend && window.matchMedia && !main.classList.contains('mode-kiosk') &&
            window.matchMedia('(max-width: 639px), (max-height: 960px)').matches) {
          legend.open = false;
        }
        return nu();
      },
      saveMap: function (nPng, nSvg) {
        var trigger = (window.dash_clientside.callback_context.triggered[0] || {}).prop_id || '';
        var format = trigger.indexOf('save-svg') === 0 ? 'svg' : 'png';
        var graph = document.querySelector('#map .js-plotly-plot');
        if (graph && window.Plotly && (nPng || nSvg)) {
          window.Plotly.downloadImage(graph, {format: format, filename: 'returns-map', width: 1400, height: 1000});
        }
        return nu();
      },
      printHandout: function (n) {
        if (n) { window.print(); }
        return nu();
      },
      copyCitation: function (n, text, label) {
        if (n && navigator.clipboard && text) {
          navigator.clipboard.writeText(String(text)).catch(function () {});
          return label;
        }
        return nu();
      },
      togglePlay: function (n, disabled, playLabel, pauseLabel) {
        if (!n) { return [nu(), nu(), nu()]; }
        var playing = !!disabled;  // it was stopped: start it
        return [!playing, playing ? pauseLabel : playLabel, playing ? 'true' : 'false'];
      },
      // The year step (see dashboard/clientside.py).
      showYears: function (key, click, selected, tick, view, frames, rendered, yearsAttr) {
        var none = [nu(), nu(), nu(), nu(), nu(), nu(), nu(), nu()];
        var years = String(yearsAttr || '').split(',').map(Number).filter(function (y) { return y > 0; });
        if (!view || !years.length) { return none; }
        // a key and the server's view (or the chart's cleared selection) may arrive together:
        // the first of them that chooses years wins, the visitor's actions before the view
        var triggered = (window.dash_clientside.callback_context.triggered || []).map(function (t) { return t.prop_id || ''; });
        var has = function (prefix) { return triggered.some(function (id) { return id.indexOf(prefix) === 0; }); };
        var current = rendered && filtersKey(rendered) === filtersKey(view)
          ? [rendered.year_from, rendered.year_to] : [view.year_from, view.year_to];
        var chosen = null, fromView = false;
        if (has('year-input.')) { chosen = key && validPair(key.years, years); }
        // (a page built by a callback runs this once with every input: no tick has come yet then)
        if (!chosen && has('play-interval.') && tick > 0) { chosen = stepYears('next', current, years, true); }
        if (!chosen && has('year-chart.clickData')) { chosen = chartYears(click, years); }
        if (!chosen && has('year-chart.selectedData')) { chosen = chartYears(selected, years); }
        if (!chosen && has('view.')) {
          fromView = true;
          if (rendered && filtersKey(rendered) === filtersKey(view)) {
            // a view with years chosen here a moment ago, but not the latest ones: a late echo
            var now = Date.now();
            trail = trail.filter(function (entry) { return now - entry.at < 3000; });
            var latest = trail.length ? trail[trail.length - 1].pair : null;
            var late = trail.some(function (entry) {
              return entry.pair[0] === view.year_from && entry.pair[1] === view.year_to;
            }) && !(latest[0] === view.year_from && latest[1] === view.year_to);
            if (late) { return none; }
          }
          chosen = [view.year_from, view.year_to];
        }
        if (!chosen) { return none; }
        shownYears = chosen;
        var target = Object.assign({}, view, {year_from: chosen[0], year_to: chosen[1]});
        var map = nu(), layer = nu(), request = nu();
        if (!sameView(rendered, target)) {
          var patch = framePatch(frames, rendered, target);
          if (patch) { map = patch; layer = target; }
          else { request = target; }     // the server draws it (and says so in map-rendered)
        }
        var bars = new window.dash_clientside.Patch();
        bars.assign(['layout', 'shapes'], selectionShapes(chosen));
        bars.assign(['layout', 'selections'], []);
        var toServer = fromView || (chosen[0] === view.year_from && chosen[1] === view.year_to) ? nu() : chosen;
        if (toServer !== nu()) { trail.push({pair: chosen, at: Date.now()}); if (trail.length > 64) { trail.shift(); } }
        var shading = bars.build();
        if (map !== nu() && window.dash_clientside.set_props) {
          // the map first; the chart's shading and the server's view right after it
          afterMapDrawn(function () {
            window.dash_clientside.set_props('year-chart', {figure: shading});
            if (toServer !== nu()) { window.dash_clientside.set_props('years-chosen', {data: toServer}); }
          });
          return [map, layer, request, nu(), nu(), String(chosen[0]), yearsText(chosen), yearsText(chosen)];
        }
        return [map, layer, request, toServer, shading, String(chosen[0]), yearsText(chosen), yearsText(chosen)];
      },
      // The view's filters, language and layer (figures/map.py frames_key), set only when they
      // change: what depends on them alone (year frames, bars, region suggestions) follows it.
      viewFilters: function (view, shown) {
        var key = filtersKey(view);
        return view && key !== shown ? key : nu();
      },
      // The side panel's tabs: the clicked one selected, its panel shown.
      selectTab: function () {
        var clicked = ((window.dash_clientside.callback_context.triggered[0] || {}).prop_id || '').split('.')[0];
        var tabs = Array.prototype.slice.call(document.querySelectorAll('.tablist [role=tab]'));
        var ids = tabs.map(function (tab) { return tab.id; });
        if (ids.indexOf(clicked) < 0) { clicked = ids[0]; }
        return [].concat(ids.map(function (id) { return id === clicked ? 'true' : 'false'; }),
                         ids.map(function (id) { return id === clicked ? '0' : '-1'; }),
                         ids.map(function (id) { return id !== clicked; }));
      }
    }
  });

  // -- keys and the previous/next buttons: the year control (a slider over the year chart) ------
  // The years are worked out here, from the years last shown, and handed to showYears as they
  // are: two presses that reach Dash together still move two years.
  var pressed = 0;
  var shownYears = null;
  var YEAR_KEYS = {ArrowRight: 'next', ArrowUp: 'next', ArrowLeft: 'prev', ArrowDown: 'prev',
                   Home: 'first', End: 'last'};
  function yearStep(action) {
    var control = document.getElementById('year-slider');
    if (!control || !window.dash_clientside.set_props) { return false; }
    var years = String(control.getAttribute('data-years') || '').split(',').map(Number).filter(function (y) { return y > 0; });
    var shown = (control.getAttribute('aria-valuetext') || '').split('–').map(Number);
    var current = shownYears || (shown.length === 2 ? shown : [shown[0], shown[0]]);
    var next = stepYears(action, current, years, false);
    if (!next || !validPair(next, years)) { return false; }
    shownYears = next;
    pressed += 1;
    window.dash_clientside.set_props('year-input', {data: {years: next, n: pressed}});
    return true;
  }
  document.addEventListener('click', function (event) {
    var button = event.target && event.target.closest ? event.target.closest('#year-prev, #year-next') : null;
    if (button) { yearStep(button.id === 'year-next' ? 'next' : 'prev'); }
  });
  document.addEventListener('keydown', function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.isComposing) { return; }
    var target = event.target;
    if (target && target.id === 'year-slider') {
      var action = YEAR_KEYS[event.key];
      if (event.shiftKey && (event.key === 'ArrowRight' || event.key === 'ArrowLeft')) {
        action = event.key === 'ArrowRight' ? 'extend' : 'shrink';
      }
      if (action && yearStep(action)) { event.preventDefault(); }
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
}());

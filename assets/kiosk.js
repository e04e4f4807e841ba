/* Kiosk mode on the page: the DOM, timers and storage around the kiosk's states
   (assets/kiosk-states.js, where the behaviour is, with its unit tests).

   Active only when the page holds <main class="main mode-kiosk"> (?mode=kiosk, or
   DASHBOARD_MODE=kiosk on the server). No inline script; no request leaves the page's own
   origin (only /healthz and reloads of the start URL). window.__kiosk (read-only) shows the
   state, for tests and for whoever set the machine up.

   Settings, read from the start URL (the query the kiosk was first opened with, kept in
   sessionStorage, so a visitor's changes, which rewrite the query, never change them):
     idle=S    seconds without a touch before "Still there?" (default: the server's
               KIOSK_IDLE_SECONDS, from .kiosk-overlay[data-idle-seconds]; else 90)
     dwell=S   seconds on each tour stop in the attract loop (default 8; doubled when the
               system asks for reduced motion)
     health=S  seconds between /healthz polls (default 15)
     stall=S   seconds a callback may stay loading before the page resets (default 20)
*/
(function () {
  'use strict';

  var KEY = 'returns-kiosk:';
  var TICK_MS = 250;
  var status = {state: 'waiting'};
  try {
    Object.defineProperty(window, '__kiosk', {get: function () { return status; }, configurable: true});
  } catch (e) { /* an older page defined it: never fatal */ }

  function store(name, value) {
    try {
      if (value === null) { window.sessionStorage.removeItem(KEY + name); }
      else { window.sessionStorage.setItem(KEY + name, String(value)); }
    } catch (e) { /* storage disabled: the kiosk still works, without memory across reloads */ }
  }
  function recall(name) {
    try { return window.sessionStorage.getItem(KEY + name); } catch (e) { return null; }
  }
  // intervals inside a page use a monotonic clock: a wall clock set at boot cannot cut them short
  function clock() { return window.performance && performance.now ? performance.now() : Date.now(); }
  function seconds(text, fallback, low, high) {
    var value = parseFloat(text);
    return isFinite(value) ? Math.min(high, Math.max(low, value)) : fallback;
  }
  // the live page only: Dash's app entry, never the server's static first screen beside it
  // (dashboard/first_paint.py), which has the same classes
  function hook(selector) {
    var root = document.getElementById('react-entry-point') || document;
    return root.querySelector(selector);
  }

  // the page is in the layout Dash renders; wait until it is there
  var waiting = window.setInterval(function () {
    var main = hook('main.main');
    if (!main) { return; }
    window.clearInterval(waiting);
    if (main.classList.contains('mode-kiosk')) { start(); }
  }, TICK_MS);

  function settingsFrom(startUrl) {
    var params = new URLSearchParams(startUrl.split('?')[1] || '');
    var overlay = hook('.kiosk-overlay');
    var serverIdle = overlay ? parseFloat(overlay.getAttribute('data-idle-seconds')) : NaN;
    var reduced = !!(window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches);
    return {idle: seconds(params.get('idle'), isFinite(serverIdle) ? serverIdle : 90, 2, 86400),
            dwell: seconds(params.get('dwell'), 8, 0.5, 3600) * (reduced ? 2 : 1),
            health: seconds(params.get('health'), 15, 0.5, 3600),
            stall: seconds(params.get('stall'), 20, 1, 3600), reducedMotion: reduced};
  }

  function start() {
    var K = window.returnsKiosk;
    var startUrl = recall('start');
    if (!startUrl) {
      // first load of this kiosk (this browser tab): its query is the start view
      var first = new URLSearchParams(window.location.search);
      first.set('mode', 'kiosk');
      startUrl = window.location.pathname + '?' + first.toString();
      store('start', startUrl);
    }
    var settings = settingsFrom(startUrl);
    var lastReset = recall('reason');
    store('reason', null);
    document.documentElement.classList.add('kiosk');
    if (settings.reducedMotion) { document.documentElement.classList.add('kiosk-reduced-motion'); }

    var touchedAt = parseFloat(recall('touch'));   // wall clock, kept across reloads
    var state = K.initial(clock(), settings, isFinite(touchedAt) ? Date.now() - touchedAt : null);
    if (state.name !== 'visitor') { store('touch', null); }
    var dismissOnRelease = false;

    function publish() {
      // "Touch to explore" shows while the attract loop plays (kiosk.css)
      document.documentElement.classList.toggle('kiosk-attract', state.name === 'attract');
      status = Object.freeze({state: state.name, stop: state.stop, steps: state.steps, idle: settings.idle,
                              dwell: settings.dwell, health: settings.health, stall: settings.stall,
                              countdown: K.countdownSeconds(settings), reducedMotion: settings.reducedMotion,
                              startUrl: startUrl, lastReset: lastReset, serverDown: state.serverDown});
    }

    function send(event) {
      var result = K.step(state, event, settings);
      state = result.state;
      result.effects.forEach(perform);
    }

    // -- what the states ask of the page -------------------------------------------------------
    var overlay = hook('.kiosk-overlay');
    function setInert(on) {
      // while the dialog is up, nothing behind it can be reached (a modal, for every input)
      var page = overlay && overlay.parentElement;
      if (!page) { return; }
      Array.prototype.forEach.call(page.children, function (child) { if (child !== overlay) { child.inert = on; } });
    }
    function renderCountdown(left) {
      var text = hook('.kiosk-countdown');
      if (!text) { return; }
      var value = (text.getAttribute('data-template') || '{seconds}').split('{seconds}').join(String(left));
      if (text.textContent !== value) { text.textContent = value; }
    }
    function hideCountdown() {
      dismissOnRelease = false;
      if (overlay) { overlay.setAttribute('hidden', ''); }
      setInert(false);
      var button = hook('.kiosk-continue');
      if (button && document.activeElement === button) { button.blur(); }
    }
    function perform(effect) {
      switch (effect.do) {
        case 'publish': publish(); break;
        case 'tourStart': if (hook('[data-tour=start]')) { hook('[data-tour=start]').click(); } break;
        case 'tourNext': if (hook('[data-tour=next]')) { hook('[data-tour=next]').click(); } break;
        case 'noteTouch': store('touch', Date.now()); break;
        case 'showCountdown':
          renderCountdown(effect.seconds);
          overlay.removeAttribute('hidden');
          setInert(true);
          if (hook('.kiosk-continue')) { hook('.kiosk-continue').focus({preventScroll: true}); }
          break;
        case 'renderCountdown': renderCountdown(effect.seconds); break;
        case 'hideCountdown': hideCountdown(); break;
        case 'dismissCountdown':
          // a tap's click comes a little after its release: hide once it has landed on the dialog
          dismissOnRelease = effect.onRelease;
          if (!dismissOnRelease) { hideCountdown(); }
          else { window.setTimeout(function () { if (dismissOnRelease) { hideCountdown(); } }, 800); }
          break;
        case 'goStart':
          checkHealth(function (ok) {
            if (!ok) { send({type: 'resetFailed'}); return; }
            store('touch', null);
            store('reason', effect.reason);
            window.location.replace(startUrl);
          });
          break;
        default: break;
      }
    }

    // -- what the page tells the states ----------------------------------------------------------
    function pageNow() {
      var summary = hook('.summary');
      var loading = !!document.querySelector('[data-dash-is-loading="true"]');
      var tour = hook('.tour');
      return {ready: !!summary && summary.textContent.trim() !== '' && !loading, loading: loading,
              stops: tour && hook('[data-tour=start]') ? tour.querySelectorAll('.tour-jumps button').length : 0,
              tourActive: !!tour && tour.classList.contains('active'), hasDialog: !!overlay};
    }
    ['pointerdown', 'touchstart', 'keydown', 'wheel'].forEach(function (type) {
      window.addEventListener(type, function (event) {
        if (event.isTrusted) { send({type: 'touch', now: clock(), kind: type}); }   // a person, not a script
      }, {capture: true, passive: true});
    });
    ['pointerup', 'pointercancel', 'touchend'].forEach(function (type) {
      window.addEventListener(type, function () {
        if (dismissOnRelease) { window.setTimeout(function () { if (dismissOnRelease) { hideCountdown(); } }, 350); }
      }, {capture: true, passive: true});
    });
    window.addEventListener('click', function () {
      if (dismissOnRelease) { window.setTimeout(hideCountdown, 0); }
    }, true);
    if (hook('.kiosk-restart')) {
      hook('.kiosk-restart').addEventListener('click', function () { send({type: 'restart'}); });
    }
    if (hook('.kiosk-continue')) {
      hook('.kiosk-continue').addEventListener('click', function () { send({type: 'continue', now: clock()}); });
    }

    // -- health: the server's answer to /healthz ---------------------------------------------------
    var healthBusy = false;
    function checkHealth(done) {
      var controller = window.AbortController ? new window.AbortController() : null;
      var timer = window.setTimeout(function () { if (controller) { controller.abort(); } },
                                    Math.max(1000, Math.min(5000, settings.health * 1000)));
      window.fetch('/healthz', {cache: 'no-store', credentials: 'same-origin',
                                signal: controller ? controller.signal : undefined})
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (body) { window.clearTimeout(timer); done(!!body && body.status === 'ok'); })
        .catch(function () { window.clearTimeout(timer); done(false); });
    }
    window.setInterval(function () {
      if (healthBusy || state.name === 'resetting') { return; }
      healthBusy = true;
      checkHealth(function (ok) { healthBusy = false; send({type: 'health', ok: ok}); });
    }, settings.health * 1000);

    // -- keep a kiosk visitor inside the kiosk ---------------------------------------------------
    document.addEventListener('click', function (event) {
      var link = event.target && event.target.closest ? event.target.closest('a[href]') : null;
      if (!link) { return; }
      var url;
      try { url = new URL(link.href, window.location.href); } catch (e) { url = null; }
      if (!url || url.origin !== window.location.origin || link.hasAttribute('download') ||
          (link.target && link.target !== '_self')) {
        event.preventDefault();   // an error page or a download would leave the kiosk stranded
      }
    }, true);
    document.addEventListener('contextmenu', function (event) { event.preventDefault(); }, true);
    document.addEventListener('dragstart', function (event) { event.preventDefault(); }, true);

    publish();
    window.setInterval(function () { send({type: 'tick', now: clock(), page: pageNow()}); }, TICK_MS);
  }
}());

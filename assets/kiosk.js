/* Kiosk mode: the attract loop, the "Still there?" countdown, the reset to the start view,
   and recovery from a server restart or a stalled callback.

   Active only when the page built by Dash contains <main class="main mode-kiosk">
   (?mode=kiosk, or DASHBOARD_MODE=kiosk on the server). No inline script, no request
   leaves the page's own origin (only /healthz and reloads of the start URL).

   States (window.__kiosk.state, read-only, for tests and for whoever set the machine up):
     'attract'   nobody has touched the kiosk since it loaded or was reset: the guided tour
                 plays by itself (#tour-start, then #tour-next every `dwell` seconds); after the
                 last stop the page reloads to the start URL (a fresh page cannot grow).
     'visitor'   a touch (pointerdown, touchstart, keydown or wheel made by a person, i.e.
                 event.isTrusted) stopped the loop: the visitor explores from that view.
     'countdown' `idle` seconds without a touch: #kiosk ("Still there?") counts down; a touch
                 or #kiosk-continue goes back to 'visitor', the end of the count resets.
     'resetting' leaving for the start URL.
     'offline'   the server did not answer /healthz when a reset was due: wait; the health
                 poll reloads to the start URL as soon as the server answers again.

   Settings, read from the start URL (the query the kiosk was first opened with, kept in
   sessionStorage, so a visitor's changes, which rewrite the query, never change them):
     idle=S    seconds without a touch before "Still there?" (default: the server's
               KIOSK_IDLE_SECONDS, from #kiosk[data-idle-seconds]; else 90)
     dwell=S   seconds on each tour stop in the attract loop (default 8; doubled, with no
               transitions, when the system asks for reduced motion)
     health=S  seconds between /healthz polls (default 15)
     stall=S   seconds a callback may stay loading before the page reloads (default 20)
*/
(function () {
  'use strict';

  var KEY = 'returns-kiosk:';
  var TICK_MS = 250;
  var defaults = {idle: 90, dwell: 8, health: 15, stall: 20};
  var status = {state: 'waiting'};

  function publish(changes) {
    var next = {};
    Object.keys(status).forEach(function (k) { next[k] = status[k]; });
    Object.keys(changes || {}).forEach(function (k) { next[k] = changes[k]; });
    status = Object.freeze(next);
  }
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
    if (!isFinite(value)) { return fallback; }
    return Math.min(high, Math.max(low, value));
  }

  // -- waiting for the page: Dash builds it by a callback after load -------------------------
  var waiting = window.setInterval(function () {
    var main = document.querySelector('main.main');
    if (!main) { return; }
    window.clearInterval(waiting);
    if (main.classList.contains('mode-kiosk')) { start(); }
  }, TICK_MS);

  // -- the kiosk -------------------------------------------------------------------------------
  function start() {
    var startUrl = recall('start');
    if (!startUrl) {
      // first load of this kiosk (this browser tab): its query is the start view
      var first = new URLSearchParams(window.location.search);
      first.set('mode', 'kiosk');
      startUrl = window.location.pathname + '?' + first.toString();
      store('start', startUrl);
    }
    var params = new URLSearchParams(startUrl.split('?')[1] || '');
    var overlay = document.getElementById('kiosk');
    var serverIdle = overlay ? parseFloat(overlay.getAttribute('data-idle-seconds')) : NaN;
    var reduced = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    var idle = seconds(params.get('idle'), isFinite(serverIdle) ? serverIdle : defaults.idle, 2, 86400);
    var dwell = seconds(params.get('dwell'), defaults.dwell, 0.5, 3600) * (reduced ? 2 : 1);
    var health = seconds(params.get('health'), defaults.health, 0.5, 3600);
    var stall = seconds(params.get('stall'), defaults.stall, 1, 3600);
    var countdownSeconds = Math.max(2, Math.min(15, Math.round(idle / 2)));
    var lastReset = recall('reason');
    store('reason', null);

    document.documentElement.classList.add('kiosk');
    if (reduced) { document.documentElement.classList.add('kiosk-reduced-motion'); }

    var state = 'attract';
    var now = clock();
    var lastTouch = 0;                 // on the monotonic clock
    var touchedAt = parseFloat(recall('touch'));   // wall clock, kept across reloads
    var since = Date.now() - touchedAt;
    if (isFinite(since) && since >= 0 && since < idle * 1000) {
      state = 'visitor';  // a visitor reloaded the page (switched language): still theirs
      lastTouch = now - since;
    } else {
      store('touch', null);
    }
    var stop = -1;                 // the tour stop the loop last asked for
    var steps = 0;
    var nextStepAt = now + Math.min(1000, dwell * 1000);  // first stop: as soon as the page is ready
    var countdownEnd = 0;
    var hideOnRelease = false;
    var loadingSince = 0;
    var serverDown = false;

    function update() {
      // "Touch to explore" shows while the attract loop plays (kiosk.css)
      document.documentElement.classList.toggle('kiosk-attract', state === 'attract');
      publish({state: state, stop: stop, steps: steps, idle: idle, dwell: dwell, health: health,
               stall: stall, countdown: countdownSeconds, reducedMotion: !!reduced,
               startUrl: startUrl, lastReset: lastReset, serverDown: serverDown});
    }
    update();

    function byId(id) { return document.getElementById(id); }
    function tourActive() {
      var tour = byId('tour');
      return !!tour && tour.classList.contains('active');
    }
    function stopCount() {
      var tour = byId('tour');
      return tour ? tour.querySelectorAll('.tour-jumps button').length : 0;
    }
    function ready() {
      var summary = byId('summary');
      return !!summary && summary.textContent.trim() !== '' &&
        !document.querySelector('[data-dash-is-loading="true"]');
    }

    // -- the attract loop: the guided tour, played by clicking its own buttons --------------
    function attractStep() {
      var count = stopCount();
      if (!count || !byId('tour-start')) { return; }         // no tour on this page: stay still
      if (stop < 0 || !tourActive()) {
        byId('tour-start').click();
        stop = 0;
      } else if (stop >= count - 1) {
        goStart('cycle');                                     // a full cycle: start afresh
        return;
      } else {
        byId('tour-next').click();
        stop += 1;
      }
      steps += 1;
      update();
    }

    // -- touches -----------------------------------------------------------------------------
    function noteTouch() {
      lastTouch = clock();
      store('touch', Date.now());
    }
    function touched(event) {
      if (!event.isTrusted || state === 'resetting' || state === 'offline') { return; }
      noteTouch();
      if (state === 'countdown') {
        // the touch that answers "Still there?" must not also press what lies under the dialog
        hideOnRelease = event.type === 'pointerdown' || event.type === 'touchstart';
        if (!hideOnRelease) { hideCountdown(); }
        else { window.setTimeout(function () { if (hideOnRelease) { hideCountdown(); } }, 800); }
      }
      if (state !== 'visitor') {
        state = 'visitor';
        update();
      }
    }
    function released() {
      // hide once the click that follows this release has landed on the dialog (a tap's
      // click comes a little after the release)
      if (hideOnRelease) { window.setTimeout(function () { if (hideOnRelease) { hideCountdown(); } }, 350); }
    }
    window.addEventListener('click', function () {
      if (hideOnRelease) { window.setTimeout(hideCountdown, 0); }
    }, true);
    ['pointerdown', 'touchstart', 'keydown', 'wheel'].forEach(function (type) {
      window.addEventListener(type, touched, {capture: true, passive: true});
    });
    ['pointerup', 'pointercancel', 'touchend'].forEach(function (type) {
      window.addEventListener(type, released, {capture: true, passive: true});
    });

    // -- the idle countdown ------------------------------------------------------------------
    function showCountdown() {
      if (!overlay) { goStart('idle'); return; }
      state = 'countdown';
      countdownEnd = clock() + countdownSeconds * 1000;
      renderCountdown(countdownSeconds);
      overlay.removeAttribute('hidden');
      setInert(true);
      var button = byId('kiosk-continue');
      if (button) { button.focus({preventScroll: true}); }
      update();
    }
    function renderCountdown(left) {
      var text = byId('kiosk-countdown');
      if (!text) { return; }
      var template = text.getAttribute('data-template') || '{seconds}';
      var value = template.split('{seconds}').join(String(left));
      if (text.textContent !== value) { text.textContent = value; }
    }
    function setInert(on) {
      // while the dialog is up, nothing behind it can be reached (a modal, for every input)
      var page = overlay && overlay.parentElement;
      if (!page) { return; }
      Array.prototype.forEach.call(page.children, function (child) {
        if (child !== overlay) { child.inert = on; }
      });
    }
    function hideCountdown() {
      hideOnRelease = false;
      if (overlay) { overlay.setAttribute('hidden', ''); }
      setInert(false);
      var button = byId('kiosk-continue');
      if (button && document.activeElement === button) { button.blur(); }
    }
    // "Start again": back to the start view, as after an idle countdown
    var restartButton = byId('kiosk-restart');
    if (restartButton) {
      restartButton.addEventListener('click', function () { goStart('restart'); });
    }
    var continueButton = byId('kiosk-continue');
    if (continueButton) {
      continueButton.addEventListener('click', function () {
        if (state === 'countdown' || state === 'visitor') {
          noteTouch();
          hideCountdown();
          state = 'visitor';
          update();
        }
      });
    }

    // -- back to the start view, only when the server is there to serve it -------------------
    function goStart(reason) {
      if (state === 'resetting') { return; }
      var previous = state;
      state = 'resetting';
      update();
      checkHealth(function (ok) {
        if (ok) {
          store('touch', null);
          store('reason', reason);
          window.location.replace(startUrl);
        } else {
          // an error page would end the kiosk: keep this page until the server is back
          serverDown = true;
          hideCountdown();
          state = previous === 'attract' ? 'attract' : 'offline';
          update();
        }
      });
    }

    // -- health: reload to the start view when the server comes back after a failure ---------
    var healthBusy = false;
    function checkHealth(done) {
      var controller = window.AbortController ? new window.AbortController() : null;
      var timer = window.setTimeout(function () { if (controller) { controller.abort(); } },
                                    Math.max(1000, Math.min(5000, health * 1000)));
      window.fetch('/healthz', {cache: 'no-store', credentials: 'same-origin',
                                signal: controller ? controller.signal : undefined})
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (body) { window.clearTimeout(timer); done(!!body && body.status === 'ok'); })
        .catch(function () { window.clearTimeout(timer); done(false); });
    }
    window.setInterval(function () {
      if (healthBusy || state === 'resetting') { return; }
      healthBusy = true;
      checkHealth(function (ok) {
        healthBusy = false;
        if (!ok) {
          if (!serverDown) { serverDown = true; update(); }
        } else if (serverDown) {
          serverDown = false;
          goStart('recovered');
        }
      });
    }, health * 1000);

    // -- keep a kiosk visitor inside the kiosk --------------------------------------------
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

    // -- the clock ---------------------------------------------------------------------------
    window.setInterval(function () {
      var time = clock();
      if (state === 'attract' && !serverDown) {
        if (time >= nextStepAt && ready()) {
          attractStep();
          nextStepAt = time + dwell * 1000;
        }
      } else if (state === 'visitor') {
        if (time - lastTouch >= idle * 1000) { showCountdown(); }
      } else if (state === 'countdown') {
        var left = Math.max(0, Math.ceil((countdownEnd - time) / 1000));
        renderCountdown(left);
        if (time >= countdownEnd) { goStart('idle'); }
      }
      // a callback that stays loading (a stalled request) is never answered: start afresh
      if (state !== 'resetting' && document.querySelector('[data-dash-is-loading="true"]')) {
        loadingSince = loadingSince || time;
        if (time - loadingSince >= stall * 1000) {
          loadingSince = 0;
          goStart('stalled');
        }
      } else {
        loadingSince = 0;
      }
    }, TICK_MS);
  }
}());

/* The kiosk's states and their transitions: a pure function, no DOM, no timers.

   `step(state, event, settings)` returns {state, effects}: the next state, and what the page
   must do (assets/kiosk.js carries the effects out: click the tour's buttons, show or hide
   "Still there?", reload to the start view). Unit-tested with `node --test tests/js`.

   States:
     attract    nobody has touched the kiosk since it loaded or was reset: the guided tour
                plays by itself (Start, then Next every `dwell` seconds); after the last stop
                the page goes back to the start URL (a fresh page cannot grow).
     visitor    a person's touch stopped the loop: the visitor explores from that view.
     countdown  `idle` seconds without a touch: "Still there?" counts down; a touch or
                Continue goes back to visitor, the end of the count resets.
     resetting  leaving for the start URL (once the server answers /healthz).
     offline    the server did not answer when a reset was due: wait; when the health poll
                sees it again, reset.
   Besides its state the kiosk watches the page: a callback that stays loading for `stall`
   seconds (a stalled request) resets it too. Times are in milliseconds on a monotonic clock.

   Events: {type: 'tick', now, page: {ready, loading, stops, tourActive, hasDialog}},
   {type: 'touch', now, kind}, {type: 'continue', now}, {type: 'restart'},
   {type: 'health', ok}, {type: 'resetFailed'}. */
(function (root, factory) {
  'use strict';
  if (typeof module === 'object' && module.exports) { module.exports = factory(); }
  else { root.returnsKiosk = factory(); }
}(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  /* The first state: the attract loop, or a visitor's still (they reloaded the page, e.g. to
     switch language, `sinceTouch` ms after their last touch). */
  function initial(now, settings, sinceTouch) {
    var visitor = typeof sinceTouch === 'number' && sinceTouch >= 0 && sinceTouch < settings.idle * 1000;
    return {name: visitor ? 'visitor' : 'attract', lastTouch: visitor ? now - sinceTouch : 0, stop: -1, steps: 0,
            nextStepAt: now + Math.min(1000, settings.dwell * 1000), countdownEnd: 0, loadingSince: 0,
            serverDown: false, before: ''};
  }

  function copy(state, changes) {
    var next = {};
    Object.keys(state).forEach(function (k) { next[k] = state[k]; });
    Object.keys(changes).forEach(function (k) { next[k] = changes[k]; });
    return next;
  }

  function countdownSeconds(settings) { return Math.max(2, Math.min(15, Math.round(settings.idle / 2))); }

  function goStart(state, reason, effects) {
    if (state.name === 'resetting') { return state; }
    effects.push({do: 'goStart', reason: reason});
    return copy(state, {name: 'resetting', before: state.name});
  }

  function attractStep(state, page, effects) {
    if (!page.stops) { return state; }                      // no tour on this page: stay still
    if (state.stop < 0 || !page.tourActive) {
      effects.push({do: 'tourStart'});
      return copy(state, {stop: 0, steps: state.steps + 1});
    }
    if (state.stop >= page.stops - 1) { return goStart(state, 'cycle', effects); }
    effects.push({do: 'tourNext'});
    return copy(state, {stop: state.stop + 1, steps: state.steps + 1});
  }

  function tick(state, event, settings, effects) {
    var now = event.now, page = event.page || {};
    if (state.name === 'attract' && !state.serverDown && now >= state.nextStepAt && page.ready) {
      state = copy(attractStep(state, page, effects), {nextStepAt: now + settings.dwell * 1000});
    } else if (state.name === 'visitor' && now - state.lastTouch >= settings.idle * 1000) {
      if (!page.hasDialog) { return goStart(state, 'idle', effects); }
      var seconds = countdownSeconds(settings);
      effects.push({do: 'showCountdown', seconds: seconds});
      state = copy(state, {name: 'countdown', countdownEnd: now + seconds * 1000});
    } else if (state.name === 'countdown') {
      effects.push({do: 'renderCountdown', seconds: Math.max(0, Math.ceil((state.countdownEnd - now) / 1000))});
      if (now >= state.countdownEnd) { return goStart(state, 'idle', effects); }
    }
    if (state.name !== 'resetting' && page.loading) {
      var since = state.loadingSince || now;
      if (now - since >= settings.stall * 1000) { return goStart(copy(state, {loadingSince: 0}), 'stalled', effects); }
      return state.loadingSince === since ? state : copy(state, {loadingSince: since});
    }
    return state.loadingSince ? copy(state, {loadingSince: 0}) : state;
  }

  function step(state, event, settings) {
    var effects = [];
    var next = state;
    switch (event && event.type) {
      case 'tick':
        next = tick(state, event, settings, effects);
        break;
      case 'touch':
        if (state.name === 'resetting' || state.name === 'offline') { break; }
        effects.push({do: 'noteTouch'});
        if (state.name === 'countdown') {
          // the touch that answers "Still there?" must not also press what lies under the dialog
          effects.push({do: 'dismissCountdown', onRelease: event.kind === 'pointerdown' || event.kind === 'touchstart'});
        }
        next = copy(state, {name: 'visitor', lastTouch: event.now});
        break;
      case 'continue':
        if (state.name !== 'countdown' && state.name !== 'visitor') { break; }
        effects.push({do: 'noteTouch'}, {do: 'hideCountdown'});
        next = copy(state, {name: 'visitor', lastTouch: event.now});
        break;
      case 'restart':
        next = goStart(state, 'restart', effects);
        break;
      case 'resetFailed':
        // an error page would end the kiosk: keep this page until the server is back
        if (state.name !== 'resetting') { break; }
        effects.push({do: 'hideCountdown'});
        next = copy(state, {name: state.before === 'attract' ? 'attract' : 'offline', serverDown: true});
        break;
      case 'health':
        if (state.name === 'resetting') { break; }
        if (!event.ok) { next = state.serverDown ? state : copy(state, {serverDown: true}); }
        else if (state.serverDown) { next = goStart(copy(state, {serverDown: false}), 'recovered', effects); }
        break;
      default:
        break;
    }
    if (next !== state) { effects.push({do: 'publish'}); }
    return {state: next, effects: effects};
  }

  return {initial: initial, step: step, countdownSeconds: countdownSeconds};
}));

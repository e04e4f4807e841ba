// Unit tests of assets/kiosk-states.js: the kiosk's transitions, on a clock the test drives.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const K = require('../../assets/kiosk-states.js');

const SETTINGS = {idle: 10, dwell: 2, health: 5, stall: 4};
const PAGE = {ready: true, loading: false, stops: 3, tourActive: false, hasDialog: true};
const does = (result) => result.effects.map((e) => e.do).filter((d) => d !== 'publish');

function run(state, events) {
  const effects = [];
  for (const event of events) {
    const result = K.step(state, event, SETTINGS);
    state = result.state;
    effects.push(...does(result));
  }
  return {state, effects};
}

test('an untouched kiosk plays the tour, then starts afresh after the last stop', () => {
  let state = K.initial(0, SETTINGS, null);
  assert.equal(state.name, 'attract');
  let r = K.step(state, {type: 'tick', now: 500, page: PAGE}, SETTINGS);
  assert.deepEqual(does(r), []);                       // the first stop waits a moment for the page
  r = K.step(r.state, {type: 'tick', now: 1000, page: PAGE}, SETTINGS);
  assert.deepEqual(does(r), ['tourStart']);
  const active = Object.assign({}, PAGE, {tourActive: true});
  r = K.step(r.state, {type: 'tick', now: 2000, page: active}, SETTINGS);
  assert.deepEqual(does(r), []);                       // each stop stays `dwell` seconds
  r = run(r.state, [{type: 'tick', now: 3000, page: active}, {type: 'tick', now: 5000, page: active}]);
  assert.deepEqual(r.effects, ['tourNext', 'tourNext']);
  assert.equal(r.state.steps, 3);
  r = K.step(r.state, {type: 'tick', now: 7000, page: active}, SETTINGS);
  assert.deepEqual(does(r), ['goStart']);
  assert.equal(r.effects.find((e) => e.do === 'goStart').reason, 'cycle');
  assert.equal(r.state.name, 'resetting');
});

test('the loop waits for a page that is still loading, and a page with no tour stays still', () => {
  const state = K.initial(0, SETTINGS, null);
  assert.deepEqual(does(K.step(state, {type: 'tick', now: 5000, page: Object.assign({}, PAGE, {ready: false})}, SETTINGS)), []);
  assert.deepEqual(does(K.step(state, {type: 'tick', now: 5000, page: Object.assign({}, PAGE, {stops: 0})}, SETTINGS)), []);
});

test('a touch stops the loop; idle time brings "Still there?"; its end resets', () => {
  let r = run(K.initial(0, SETTINGS, null), [{type: 'touch', now: 100, kind: 'keydown'}]);
  assert.equal(r.state.name, 'visitor');
  assert.deepEqual(r.effects, ['noteTouch']);
  r = run(r.state, [{type: 'tick', now: 9000, page: PAGE}]);
  assert.equal(r.state.name, 'visitor');
  r = run(r.state, [{type: 'tick', now: 10100, page: PAGE}]);
  assert.equal(r.state.name, 'countdown');
  assert.deepEqual(r.effects, ['showCountdown']);
  r = run(r.state, [{type: 'tick', now: 12100, page: PAGE}]);
  assert.deepEqual(r.effects, ['renderCountdown']);
  r = run(r.state, [{type: 'tick', now: 15100, page: PAGE}]);
  assert.equal(r.state.name, 'resetting');
  assert.deepEqual(r.effects, ['renderCountdown', 'goStart']);
});

test('a touch or Continue during the countdown gives the kiosk back to the visitor', () => {
  const counting = run(K.initial(0, SETTINGS, 0), [{type: 'tick', now: 10000, page: PAGE}]).state;
  assert.equal(counting.name, 'countdown');
  const tapped = K.step(counting, {type: 'touch', now: 10500, kind: 'pointerdown'}, SETTINGS);
  assert.equal(tapped.state.name, 'visitor');
  assert.deepEqual(tapped.effects.find((e) => e.do === 'dismissCountdown'), {do: 'dismissCountdown', onRelease: true});
  const typed = K.step(counting, {type: 'touch', now: 10500, kind: 'keydown'}, SETTINGS);
  assert.equal(typed.effects.find((e) => e.do === 'dismissCountdown').onRelease, false);
  const continued = run(counting, [{type: 'continue', now: 10500}]);
  assert.equal(continued.state.name, 'visitor');
  assert.deepEqual(continued.effects, ['noteTouch', 'hideCountdown']);
  // and the idle time starts again from that touch
  assert.equal(run(continued.state, [{type: 'tick', now: 20000, page: PAGE}]).state.name, 'visitor');
});

test('a visitor who reloaded within the idle time keeps the kiosk', () => {
  const state = K.initial(50000, SETTINGS, 4000);
  assert.equal(state.name, 'visitor');
  assert.equal(run(state, [{type: 'tick', now: 55000, page: PAGE}]).state.name, 'visitor');
  assert.equal(run(state, [{type: 'tick', now: 56100, page: PAGE}]).state.name, 'countdown');
  assert.equal(K.initial(50000, SETTINGS, 60000).name, 'attract');
});

test('with no server to reset to, the kiosk waits, and resets when the server is back', () => {
  let r = run(K.initial(0, SETTINGS, null), [{type: 'restart'}]);
  assert.equal(r.state.name, 'resetting');
  r = run(r.state, [{type: 'touch', now: 100, kind: 'pointerdown'}, {type: 'restart'}]);
  assert.deepEqual(r.effects, []);                     // nothing doubles a reset under way
  r = run(r.state, [{type: 'resetFailed'}]);
  assert.equal(r.state.name, 'attract');               // the loop goes on while it waits
  assert.equal(r.state.serverDown, true);
  assert.deepEqual(run(r.state, [{type: 'tick', now: 99999, page: PAGE}]).effects, []);  // no loop while down
  r = run(r.state, [{type: 'health', ok: false}]);
  assert.deepEqual(r.effects, []);
  r = run(r.state, [{type: 'health', ok: true}]);
  assert.equal(r.state.name, 'resetting');
  assert.deepEqual(r.effects, ['goStart']);
});

test('a reset that fails for a visitor leaves the kiosk offline', () => {
  const visitor = run(K.initial(0, SETTINGS, null), [{type: 'touch', now: 1, kind: 'wheel'}]).state;
  const r = run(visitor, [{type: 'restart'}, {type: 'resetFailed'}]);
  assert.equal(r.state.name, 'offline');
  assert.deepEqual(run(r.state, [{type: 'touch', now: 5, kind: 'pointerdown'}]).effects, []);
});

test('a callback that stays loading resets the kiosk after `stall` seconds', () => {
  const loading = Object.assign({}, PAGE, {ready: false, loading: true});
  let r = run(K.initial(0, SETTINGS, 0), [{type: 'tick', now: 1000, page: loading}, {type: 'tick', now: 4500, page: loading}]);
  assert.equal(r.state.name, 'visitor');
  r = run(r.state, [{type: 'tick', now: 5000, page: loading}]);
  assert.equal(r.state.name, 'resetting');
  assert.equal(K.step(K.initial(0, SETTINGS, 0), {type: 'tick', now: 1000, page: loading}, SETTINGS).state.loadingSince, 1000);
  // a load that finishes in time starts the count afresh
  r = run(K.initial(0, SETTINGS, 0), [{type: 'tick', now: 1000, page: loading}, {type: 'tick', now: 2000, page: PAGE},
                                       {type: 'tick', now: 5500, page: loading}, {type: 'tick', now: 9000, page: loading}]);
  assert.equal(r.state.name, 'visitor');
});

test('the countdown is half the idle time, between 2 and 15 seconds', () => {
  assert.equal(K.countdownSeconds({idle: 10}), 5);
  assert.equal(K.countdownSeconds({idle: 2}), 2);
  assert.equal(K.countdownSeconds({idle: 600}), 15);
});

// Unit tests of assets/view.js: `node --test tests/js` (tests/test_js.py runs them under pytest).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const V = require('../../assets/view.js');

const YEARS = [1947, 1956, 1957, 1959, 1960, 1961, 1962];
const CONTEXT = {years: YEARS, ports: ['niigata', 'moji', 'chongjin'], regions: ['JPN', 'JP-15', 'KP-09'],
                 layers: ['today', '1945']};
const VIEW = {year_from: 1947, year_to: 1962, region: '', port: '', lang: 'en', layer: 'today', mode: 'explore'};
const at = (a, b) => Object.assign({}, VIEW, {year_from: a, year_to: b});

test('a step moves within the recorded years and stops at the ends', () => {
  assert.deepEqual(V.stepYears('next', [1957, 1957], YEARS, false), [1959, 1959]);
  assert.deepEqual(V.stepYears('prev', [1959, 1959], YEARS, false), [1957, 1957]);
  assert.deepEqual(V.stepYears('next', [1962, 1962], YEARS, false), [1962, 1962]);
  assert.deepEqual(V.stepYears('next', [1962, 1962], YEARS, true), [1947, 1947]);
  assert.deepEqual(V.stepYears('prev', [1947, 1947], YEARS, false), [1947, 1947]);
  assert.deepEqual(V.stepYears('first', [1960, 1960], YEARS), [1947, 1947]);
  assert.deepEqual(V.stepYears('last', [1960, 1960], YEARS), [1962, 1962]);
});

test('from a range, next and previous go to its ends; shift widens and narrows it', () => {
  assert.deepEqual(V.stepYears('next', [1947, 1962], YEARS), [1947, 1947]);
  assert.deepEqual(V.stepYears('prev', [1947, 1962], YEARS), [1962, 1962]);
  assert.deepEqual(V.stepYears('extend', [1959, 1960], YEARS), [1959, 1961]);
  assert.deepEqual(V.stepYears('shrink', [1959, 1961], YEARS), [1959, 1960]);
  assert.deepEqual(V.stepYears('shrink', [1959, 1959], YEARS), [1959, 1959]);
  assert.equal(V.stepYears('sideways', [1959, 1959], YEARS), null);
});

test('queued key presses are each applied once, in order', () => {
  const keys = [{seq: 1, action: 'next'}, {seq: 2, action: 'next'}, {seq: 3, action: 'prev'}];
  const first = V.chooseYears('keys', keys, [1957, 1957], YEARS, 0);
  assert.deepEqual(first, {years: [1959, 1959], seq: 3});
  // the same queue again (nothing new) chooses nothing
  assert.equal(V.chooseYears('keys', keys, [1959, 1959], YEARS, first.seq), null);
  // two new presses that reached Dash together still move two years
  const more = keys.concat([{seq: 4, action: 'next'}, {seq: 5, action: 'next'}]);
  assert.deepEqual(V.chooseYears('keys', more, [1959, 1959], YEARS, first.seq), {years: [1961, 1961], seq: 5});
  // the view was moved by something else (a tour stop): the next press starts from there
  assert.deepEqual(V.chooseYears('keys', more.concat([{seq: 6, action: 'next'}]), [1947, 1947], YEARS, 5).years,
                   [1956, 1956]);
});

test('the chart picks the years it was clicked or dragged on; junk picks nothing', () => {
  const drag = {points: [{x: 1960}, {x: 1956}, {x: 1959}]};
  assert.deepEqual(V.chooseYears('select', drag, [1947, 1947], YEARS, 7), {years: [1956, 1960], seq: 7});
  assert.deepEqual(V.chooseYears('click', {points: [{x: 1961}]}, [1947, 1947], YEARS, 0).years, [1961, 1961]);
  for (const junk of [null, {}, {points: 'x'}, {points: [{x: 1950}]}, {points: [{x: '1960'}]}]) {
    assert.equal(V.chooseYears('click', junk, [1947, 1947], YEARS, 0), null);
  }
  assert.equal(V.chooseYears('tick', 0, [1960, 1960], YEARS, 0), null);   // a page build, not a tick
  assert.deepEqual(V.chooseYears('tick', 3, [1962, 1962], YEARS, 0).years, [1947, 1947]);
});

test('domain actions change the view; anything invalid leaves the same object', () => {
  assert.deepEqual(V.reduce(VIEW, {type: 'setYears', years: [1960, 1960]}, CONTEXT), at(1960, 1960));
  assert.equal(V.reduce(VIEW, {type: 'setYears', years: [1960, 1950]}, CONTEXT), VIEW);
  assert.equal(V.reduce(VIEW, {type: 'setYears', years: [1961, 1960]}, CONTEXT), VIEW);
  assert.equal(V.reduce(VIEW, {type: 'choosePort', id: 'niigata'}, CONTEXT).port, 'niigata');
  assert.equal(V.reduce(VIEW, {type: 'choosePort', id: 'atlantis'}, CONTEXT), VIEW);
  assert.equal(V.reduce(VIEW, {type: 'chooseLayer', id: '1945'}, CONTEXT).layer, '1945');
  assert.equal(V.reduce(VIEW, {type: 'chooseLayer', id: '1066'}, CONTEXT), VIEW);
  assert.equal(V.reduce(VIEW, {type: 'chooseRegion', id: 'JP-15'}, CONTEXT).region, 'JP-15');
  assert.equal(V.reduce(VIEW, {type: 'chooseRegion', id: '<script>'}, CONTEXT), VIEW);
  const filtered = Object.assign({}, VIEW, {region: 'JP-15', port: 'moji'});
  assert.deepEqual(V.reduce(filtered, {type: 'clearFilters'}, CONTEXT), VIEW);
  assert.equal(V.reduce(VIEW, {type: 'nonsense'}, CONTEXT), VIEW);
  assert.equal(V.reduce(VIEW, null, CONTEXT), VIEW);
  // choosing what is already chosen is no change at all
  assert.equal(V.reduce(VIEW, {type: 'choosePort', id: ''}, CONTEXT), VIEW);
});

test('a map click toggles the port or region it names, read from its own fields', () => {
  const port = {points: [{customdata: 'moji', location: 'JP-15'}]};
  const once = V.reduce(VIEW, {type: 'clickMap', payload: port}, CONTEXT);
  assert.equal(once.port, 'moji');
  assert.equal(once.region, '');
  assert.equal(V.reduce(once, {type: 'clickMap', payload: port}, CONTEXT).port, '');
  assert.equal(V.reduce(VIEW, {type: 'clickMap', payload: {points: [{location: 'KP-09'}]}}, CONTEXT).region, 'KP-09');
  for (const junk of [null, 'x', {points: []}, {points: [{customdata: 'nowhere'}]}, {points: [null]}]) {
    assert.equal(V.reduce(VIEW, {type: 'clickMap', payload: junk}, CONTEXT), VIEW);
  }
});

test('an opened view keeps the page language and mode', () => {
  const stop = {year_from: 1960, year_to: 1960, region: 'JP-15', port: '', lang: 'ko', layer: '1945', mode: 'kiosk'};
  const ja = Object.assign({}, VIEW, {lang: 'ja'});
  assert.deepEqual(V.reduce(ja, {type: 'openView', view: stop}, CONTEXT),
                   Object.assign({}, ja, {year_from: 1960, year_to: 1960, region: 'JP-15', layer: '1945'}));
  assert.equal(V.reduce(VIEW, {type: 'openView', view: 'x'}, CONTEXT), VIEW);
});

test('the filters key ignores the years only', () => {
  assert.equal(V.filtersKey(at(1960, 1960)), V.filtersKey(at(1947, 1962)));
  assert.notEqual(V.filtersKey(VIEW), V.filtersKey(Object.assign({}, VIEW, {port: 'moji'})));
  assert.notEqual(V.filtersKey(VIEW), V.filtersKey(Object.assign({}, VIEW, {lang: 'ja'})));
});

test('the filters store changes with the filters, not with a year step', () => {
  assert.deepEqual(V.filtersChange(null, VIEW), {key: V.filtersKey(VIEW), first: true});
  assert.equal(V.filtersChange(at(1959, 1959), at(1960, 1960)), null);
  const moji = Object.assign({}, VIEW, {port: 'moji'});
  assert.deepEqual(V.filtersChange(VIEW, moji), {key: V.filtersKey(moji), first: false});
  assert.equal(V.filtersChange(VIEW, null), null);
});

const FRAMES = {
  key: V.filtersKey(VIEW),
  keys: [[3, 'line.width'], [5, 'marker.size']],
  values: [0, 12, [1, 2], [3, 4]],
  frames: {1959: [0, 2], 1960: [1, 2], 1961: [1, 3]},
};

test('a single year is drawn from the year frames, sending only what changed', () => {
  const first = V.mapAssignments(at(1959, 1959), FRAMES, null, '');
  assert.deepEqual(first.assign, [[['data', 3, 'line', 'width'], 0], [['data', 5, 'marker', 'size'], [1, 2]]]);
  const next = V.mapAssignments(at(1960, 1960), FRAMES, null, first.shown);
  assert.deepEqual(next.assign, [[['data', 3, 'line', 'width'], 12]]);
  assert.deepEqual(V.mapAssignments(at(1960, 1960), FRAMES, null, next.shown).assign, []);
});

test('frames for other filters or a year they lack draw nothing; a range needs its own frame', () => {
  assert.equal(V.mapAssignments(Object.assign(at(1960, 1960), {port: 'moji'}), FRAMES, null, ''), null);
  assert.equal(V.mapAssignments(at(1962, 1962), FRAMES, null, ''), null);
  assert.equal(V.mapAssignments(at(1959, 1961), FRAMES, null, ''), null);
  const range = {view: at(1959, 1961), keys: [[3, 'line.width']], values: [30]};
  assert.deepEqual(V.mapAssignments(at(1959, 1961), FRAMES, range, '').assign, [[['data', 3, 'line', 'width'], 30]]);
  assert.equal(V.mapAssignments(at(1959, 1960), FRAMES, range, ''), null);
});

test('the chosen years\' box spans the pair\'s bars on the chart\'s year axis', () => {
  const style = {x_range: [1945.5, 1985.5]};
  // 1959-1961 are the bars from 1958.5 to 1961.5 of an axis 40 years wide
  assert.deepEqual(V.selectionBox([1959, 1961], style), {left: '32.5%', width: '7.5%'});
  assert.deepEqual(V.selectionBox([1946, 1946], style), {left: '0%', width: '2.5%'});
  assert.deepEqual(V.selectionBox([1947, 1984], style), {left: '2.5%', width: '95%'});
  assert.equal(V.yearsText([1960, 1960]), '1960');
  assert.equal(V.yearsText([1959, 1961]), '1959–1961');
});

test('the tour starts, steps round, jumps and ends', () => {
  const on = V.stepTour(null, 'start', 3);
  assert.deepEqual(on, {active: true, stop: 0});
  assert.deepEqual(V.stepTour(on, 'prev', 3), {active: true, stop: 2});
  assert.deepEqual(V.stepTour({active: true, stop: 2}, 'next', 3), {active: true, stop: 0});
  assert.deepEqual(V.stepTour(on, {jump: 1}, 3), {active: true, stop: 1});
  assert.deepEqual(V.stepTour(on, {jump: 9}, 3), on);
  assert.deepEqual(V.stepTour(on, 'exit', 3), {active: false, stop: 0});
  assert.deepEqual(V.stepTour({active: false, stop: 0}, 'next', 3), {active: true, stop: 0});
  assert.deepEqual(V.stepTour({active: true, stop: 'x'}, 'next', 3), {active: true, stop: 1});
});

test('a header click sorts by its column, a second click the other way', () => {
  const columns = ['year', 'persons'];
  assert.deepEqual(V.sortAfter({column: 'year', ascending: true}, 'persons', columns), {column: 'persons', ascending: true});
  assert.deepEqual(V.sortAfter({column: 'persons', ascending: true}, 'persons', columns), {column: 'persons', ascending: false});
  assert.deepEqual(V.sortAfter({column: 'persons', ascending: false}, 'persons', columns), {column: 'persons', ascending: true});
  assert.equal(V.sortAfter(null, 'drop table', columns), null);
});

test('a story keeps its link in the address, after the view', () => {
  assert.equal(V.withStory('?from=1960&to=1960', 'eyJ0'), '?from=1960&to=1960&story=eyJ0');
  assert.equal(V.withStory('', 'eyJ0'), '?story=eyJ0');
  assert.equal(V.withStory('?', 'eyJ0'), '?story=eyJ0');
  assert.equal(V.withStory('?from=1960', ''), '?from=1960');
  assert.equal(V.withStory('?from=1960', 'a&b=<x>'), '?from=1960');   // never a link that is not base64url
});

test('the address bar follows the view, but a query the visitor went back to is read', () => {
  assert.equal(V.addressAction('?from=1960&to=1960', '?from=1960&to=1960', false), 'keep');
  assert.equal(V.addressAction('?from=1960&to=1960', '?from=1960&to=1960', true), 'keep');
  assert.equal(V.addressAction('', undefined, false), 'keep');
  assert.equal(V.addressAction('?from=1961&to=1961', '?from=1960&to=1960', false), 'write');
  assert.equal(V.addressAction('', '?from=1960&to=1960', false), 'write');   // back to the default view
  // back or forward while the left view's query was on its way: the address the visitor chose wins
  assert.equal(V.addressAction('?from=1960&to=1960', '?from=1961&to=1961', true), 'read');
  assert.equal(V.addressAction('?from=1960&to=1960', '', true), 'read');
});

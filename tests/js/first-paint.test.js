// Unit tests of assets/first-paint.js: when the server-painted first screen gives way.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const F = require('../../assets/first-paint.js');

test('the static copy stays until the live page is there with its map drawn', () => {
  assert.equal(F.giveWay({live: false, mapDrawn: false, liveSince: null, now: 60000}), false);
  assert.equal(F.giveWay({live: true, mapDrawn: false, liveSince: 1000, now: 1500}), false);
  assert.equal(F.giveWay({live: true, mapDrawn: true, liveSince: 1000, now: 1500}), true);
});

test('a live map that never draws does not hide the working page for good', () => {
  const since = 2000;
  assert.equal(F.giveWay({live: true, mapDrawn: false, liveSince: since, now: since + F.GIVE_UP_MS - 1}), false);
  assert.equal(F.giveWay({live: true, mapDrawn: false, liveSince: since, now: since + F.GIVE_UP_MS}), true);
});

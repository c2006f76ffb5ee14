import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { StampMemo } from './stamp-memo.ts';

/** A store stand-in: its mark is a counter the test moves; its clock is the test's. */
function setup(marksOtherWriters: boolean, trustMs = 1000, maxEntries = 100) {
  const state = { mark: 0, now: 0, reads: 0, value: 'v0' };
  const memo = new StampMemo({ changeMark: () => String(state.mark), marksOtherWriters }, trustMs, maxEntries, () => state.now);
  const read = async () => {
    state.reads++;
    return state.value;
  };
  return { state, memo, read };
}

describe('StampMemo', () => {
  it('reads once while the mark stays, however long, when the mark sees every writer', async () => {
    const { state, memo, read } = setup(true);
    assert.equal(await memo.get('k', read), 'v0');
    state.now = 3_600_000;
    state.value = 'v1'; // not visible: nothing moved the mark
    assert.equal(await memo.get('k', read), 'v0');
    assert.equal(state.reads, 1);
    assert.equal(memo.known('k'), 'v0');
    state.mark++;
    assert.equal(memo.known('k'), undefined, 'a write moved the mark');
    assert.equal(await memo.get('k', read), 'v1', 'a write moved the mark: read again');
    assert.equal(state.reads, 2);
    assert.equal(memo.known('k'), 'v1');
    assert.equal(memo.known('other'), undefined);
  });

  it('where other writers are not seen, trusts a stamp for trustMs only', async () => {
    const { state, memo, read } = setup(false, 1000);
    await memo.get('k', read);
    state.value = 'v1'; // written by "another process": the mark does not move
    state.now = 999;
    assert.equal(memo.known('k'), 'v0');
    assert.equal(await memo.get('k', read), 'v0');
    state.now = 1000;
    assert.equal(memo.known('k'), undefined, 'no longer trusted');
    assert.equal(await memo.get('k', read), 'v1', 'seen once the bound has passed');
    assert.equal(state.reads, 2);
    state.value = 'v2';
    state.mark++; // written here: seen at once, bound or not
    assert.equal(await memo.get('k', read), 'v2');
  });

  it('does not keep a stamp read while a write committed, nor an undefined stamp', async () => {
    const { state, memo } = setup(true);
    const racing = async () => {
      state.reads++;
      state.mark++; // a publish committed while the query ran
      return 'maybe-old';
    };
    assert.equal(await memo.get('k', racing), 'maybe-old');
    assert.equal(memo.size, 0);
    let n = 0;
    const missing = async () => (n++, undefined);
    await memo.get('gone', missing);
    await memo.get('gone', missing);
    assert.equal(n, 2, 'a unit that does not exist is asked for every time');
  });

  it('keys are separate and their number is bounded', async () => {
    const { state, memo, read } = setup(true, 1000, 3);
    for (const k of ['a', 'b', 'c', 'd']) await memo.get(k, read);
    assert.equal(memo.size, 3);
    assert.equal(state.reads, 4);
    await memo.get('a', read);
    assert.equal(state.reads, 5, 'the oldest key was dropped');
    await memo.get('d', read);
    assert.equal(state.reads, 5);
  });
});

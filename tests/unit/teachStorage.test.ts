import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { TEACH_DB, openTeachStore, parseTaughtRecord, type TaughtRecord } from '../../src/storage/teach';

beforeEach(() => {
  vi.stubGlobal('indexedDB', new IDBFactory());
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const record = (sentences: string[], b = 0.5): TaughtRecord => ({
  v: 1,
  sentences,
  setting: 'normal',
  update: { rank: 2, dModel: 3, vocab: 4, a: new Float32Array(6).fill(0.1), b: new Float32Array(8).fill(b) },
  before: 6,
  after: 6.3,
  savedAt: 1,
});

describe('storage/teach: what the player taught, with undo and clear', () => {
  it('keeps a change per language, undoes to the one before, and clears', async () => {
    const store = openTeachStore();
    expect(await store.load('en')).toMatchObject({ current: null, undoable: false, dropped: false });
    await store.save('en', record(['my cat is called tom.']));
    await store.save('en', record(['my dog is called max.'], 0.25));
    const two = await store.load('en');
    expect(two.current?.sentences).toEqual(['my dog is called max.']);
    expect(two.current?.update.b[0]).toBe(0.25);
    expect(two.previous?.sentences).toEqual(['my cat is called tom.']);
    expect((await store.load('zh')).current).toBeNull();
    const undone = await store.undo('en');
    expect(undone?.current?.sentences).toEqual(['my cat is called tom.']);
    expect(await store.undo('en')).toBeNull();
    expect(await store.clear('en')).toBe(true);
    expect((await store.load('en')).current).toBeNull();
  });

  it('undo after the first change goes back to the model as it was', async () => {
    const store = openTeachStore();
    await store.save('zh', record(['我的小猫叫豆豆。']));
    expect((await store.undo('zh'))?.current).toBeNull();
  });

  it('drops a damaged or older record with a flag, not a crash', async () => {
    const db = await openDB(TEACH_DB, 1, { upgrade: (d) => void d.createObjectStore('teach') });
    await db.put('teach', { current: { v: 0, sentences: 'x' }, previous: null, undoable: true }, 'en');
    await db.put('teach', 'nonsense', 'zh');
    db.close();
    const store = openTeachStore();
    expect(await store.load('en')).toMatchObject({ current: null, dropped: true, undoable: false });
    expect(await store.load('zh')).toMatchObject({ current: null, dropped: true });
    // Once dropped, it is gone.
    expect((await store.load('en')).dropped).toBe(false);
  });

  it('checks every field of a record', () => {
    const ok = record(['a']);
    expect(parseTaughtRecord(ok)).not.toBeNull();
    expect(parseTaughtRecord({ ...ok, update: { ...ok.update, a: [0.1] } })).toBeNull();
    expect(parseTaughtRecord({ ...ok, update: { ...ok.update, b: new Float32Array(7) } })).toBeNull();
    expect(
      parseTaughtRecord({ ...ok, update: { ...ok.update, b: new Float32Array(8).fill(NaN) } }),
    ).toBeNull();
    expect(parseTaughtRecord({ ...ok, sentences: [1] })).toBeNull();
    expect(parseTaughtRecord({ ...ok, before: 'x' })).toBeNull();
  });

  it('without IndexedDB keeps nothing and never throws', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const store = openTeachStore('owaat-teach-none');
    expect((await store.load('en')).current).toBeNull();
    expect(await store.save('en', record(['a']))).toBeNull();
    expect(await store.clear('en')).toBe(false);
  });
});

describe('storage/teach: whether the other levels may use what was taught', () => {
  it('is off until the player says so, per language, and kept', async () => {
    const store = openTeachStore();
    expect(await store.shared('en')).toBe(false);
    expect(await store.share('en', true)).toBe(true);
    expect(await openTeachStore().shared('en')).toBe(true);
    expect(await store.shared('zh')).toBe(false);
    await store.share('en', false);
    expect(await store.shared('en')).toBe(false);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
// idb checks instanceof IDBRequest and friends: the globals come from fake-indexeddb.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import fixtureV1 from './fixtures/owaat-v1.json';
import { openStore, parseLevelRecord, parseSettings, DB_NAME } from '../../src/storage';

/** Writes a database exactly as an older build left it, from a JSON fixture. */
function seedDatabase(factory: IDBFactory, fixture: typeof fixtureV1): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = factory.open(fixture.name, fixture.version);
    req.onupgradeneeded = () => {
      const db = req.result;
      for (const [store, rows] of Object.entries(fixture.stores)) {
        const os = db.createObjectStore(store);
        for (const row of rows) os.put(row.value, row.key);
      }
    };
    req.onsuccess = () => {
      req.result.close();
      resolve();
    };
    req.onerror = () => reject(req.error);
  });
}

function putRaw(factory: IDBFactory, store: string, value: unknown, key?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = factory.open(DB_NAME);
    req.onsuccess = () => {
      const tx = req.result.transaction(store, 'readwrite');
      tx.objectStore(store).put(value, key);
      tx.oncomplete = () => {
        req.result.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

afterEach(() => vi.restoreAllMocks());

describe('storage', () => {
  it('starts empty on a new device and keeps what it saves across reopening', async () => {
    const indexedDB = new IDBFactory();
    const store = await openStore({ indexedDB });
    expect(store.mode()).toBe('idb');
    expect(store.snapshot().progress).toEqual([]);
    expect(store.snapshot().settings).toEqual({ lang: null, sound: true, reducedMotion: null });
    await store.putLevel({ levelId: 'one-word', stars: 3, completedAt: 5, plays: 1 });
    await store.putSettings({ lang: 'zh', sound: false, reducedMotion: true });
    await store.putMeta({ lastLevelId: 'one-word', persistRequested: true, modelBackend: 'wasm' });
    store.close();

    const again = await openStore({ indexedDB });
    expect(again.snapshot().progress).toEqual([{ levelId: 'one-word', stars: 3, completedAt: 5, plays: 1 }]);
    expect(again.snapshot().settings).toEqual({ lang: 'zh', sound: false, reducedMotion: true });
    expect(again.snapshot().meta).toEqual({
      lastLevelId: 'one-word',
      persistRequested: true,
      modelBackend: 'wasm',
    });
    await again.clearProgress();
    again.close();
    expect((await openStore({ indexedDB })).snapshot().progress).toEqual([]);
  });

  it('migrates a v1 database from its fixture, dropping only the bad entries', async () => {
    const indexedDB = new IDBFactory();
    await seedDatabase(indexedDB, fixtureV1);
    const store = await openStore({ indexedDB, now: () => 1234 });
    const progress = [...store.snapshot().progress].sort((a, b) => a.levelId.localeCompare(b.levelId));
    // "lots" and 7 are not star counts; a level this build does not know is kept for a later one.
    expect(progress).toEqual([
      { levelId: 'future-level', stars: 3, completedAt: 1234, plays: 1 },
      { levelId: 'one-word', stars: 2, completedAt: 1234, plays: 1 },
    ]);
    expect(store.snapshot().settings).toEqual({ lang: 'zh', sound: false, reducedMotion: null });
    store.close();
    const db = await new Promise<IDBDatabase>((resolve) => {
      const req = indexedDB.open(DB_NAME);
      req.onsuccess = () => resolve(req.result);
    });
    expect(db.version).toBe(2);
    expect([...db.objectStoreNames].sort()).toEqual(['meta', 'progress', 'settings']);
    db.close();
  });

  it('skips corrupt and foreign records and keeps the valid ones', async () => {
    const indexedDB = new IDBFactory();
    (await openStore({ indexedDB })).close();
    await putRaw(indexedDB, 'progress', { levelId: 'one-word', stars: 2, completedAt: 1, plays: 1 });
    await putRaw(indexedDB, 'progress', { levelId: 'knobs', stars: 'three', completedAt: 1, plays: 1 });
    await putRaw(indexedDB, 'progress', { levelId: '<script>', stars: 1, completedAt: 1, plays: 1 });
    await putRaw(indexedDB, 'progress', { levelId: 'neuron', stars: 1, completedAt: -5, plays: 1 });
    await putRaw(indexedDB, 'settings', { lang: 'fr', sound: 'loud', reducedMotion: true }, 'app');
    await putRaw(indexedDB, 'meta', 'not an object', 'app');
    const store = await openStore({ indexedDB });
    expect(store.snapshot().progress.map((r) => r.levelId)).toEqual(['one-word']);
    expect(store.snapshot().skipped).toBe(3);
    expect(store.snapshot().settings).toEqual({ lang: null, sound: true, reducedMotion: true });
    expect(store.snapshot().meta).toEqual({ lastLevelId: null, persistRequested: false, modelBackend: null });
  });

  it('plays on in memory when IndexedDB cannot be opened, and says so once', async () => {
    const broken = new IDBFactory();
    vi.spyOn(broken, 'open').mockImplementation(() => {
      throw new DOMException('private mode', 'InvalidStateError');
    });
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const store = await openStore({ indexedDB: broken });
    const problems: string[] = [];
    store.onProblem((p) => problems.push(p));
    expect(store.mode()).toBe('memory');
    await store.putLevel({ levelId: 'one-word', stars: 1, completedAt: 1, plays: 1 });
    expect(store.snapshot().progress).toHaveLength(1);
    expect(problems).toEqual(['unavailable']);
  });

  it('keeps progress in memory when a write fails (storage full), telling the player once', async () => {
    const indexedDB = new IDBFactory();
    const store = await openStore({ indexedDB });
    const problems: string[] = [];
    store.onProblem((p) => problems.push(p));
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    await store.putLevel({ levelId: 'one-word', stars: 2, completedAt: 1, plays: 1 });
    await store.putSettings({ lang: 'en', sound: false, reducedMotion: null });
    expect(store.snapshot().progress.map((r) => r.stars)).toEqual([2]);
    expect(store.snapshot().settings.sound).toBe(false);
    expect(problems).toEqual(['write-failed']);
  });

  it('does not wait forever when another tab blocks the upgrade', async () => {
    const indexedDB = new IDBFactory();
    await seedDatabase(indexedDB, fixtureV1);
    // An old tab keeps version 1 open and ignores the request to close.
    const old = await new Promise<IDBDatabase>((resolve) => {
      const req = indexedDB.open(DB_NAME, 1);
      req.onsuccess = () => resolve(req.result);
    });
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const store = await openStore({ indexedDB, blockedTimeoutMs: 200 });
    const problems: string[] = [];
    store.onProblem((p) => problems.push(p));
    expect(store.mode()).toBe('memory');
    expect(problems).toEqual(['blocked']);
    old.close();
  });
});

describe('record validation', () => {
  it('accepts good records and rejects anything else', () => {
    expect(parseLevelRecord({ levelId: 'one-word', stars: 0, completedAt: 0, plays: 0 })).not.toBeNull();
    for (const bad of [
      null,
      7,
      'x',
      [],
      { levelId: 'one-word' },
      { levelId: 'A B', stars: 1, completedAt: 1, plays: 1 },
    ]) {
      expect(parseLevelRecord(bad)).toBeNull();
    }
    expect(parseSettings({ lang: 'zh', sound: 0 })).toEqual({ lang: 'zh', sound: true, reducedMotion: null });
  });
});

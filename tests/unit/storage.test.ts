import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
// idb checks instanceof IDBRequest and friends: the globals come from fake-indexeddb.
import 'fake-indexeddb/auto';
import { IDBFactory, forceCloseDatabase } from 'fake-indexeddb';
import fixtureV1 from './fixtures/owaat-v1.json';
import { openStore, parseLevelRecord, parseSettings, DB_NAME, type StorageProblem } from '../../src/storage';

// The store opens the global indexedDB (idb's openDB does): each test gets a fresh, empty one.
let factory: IDBFactory;
beforeEach(() => {
  factory = new IDBFactory();
  vi.stubGlobal('indexedDB', factory);
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

/** Writes a database exactly as an older build left it, from a JSON fixture. */
function seedDatabase(fixture: typeof fixtureV1): Promise<void> {
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

/**
 * Another tab's connection, opened by hand (at `version`, or whatever is there). `events` lists
 * what its open request saw (`blocked`, `upgradeneeded`).
 */
function openRaw(version?: number): Promise<{ db: IDBDatabase; events: string[] }> {
  return new Promise((resolve, reject) => {
    const events: string[] = [];
    const req = factory.open(DB_NAME, version);
    req.onblocked = () => events.push('blocked');
    req.onupgradeneeded = () => events.push('upgradeneeded');
    req.onsuccess = () => resolve({ db: req.result, events });
    req.onerror = () => reject(req.error);
  });
}

function putRaw(store: string, value: unknown, key?: string): Promise<void> {
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

function getRaw(db: IDBDatabase, store: string, key: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = db.transaction(store).objectStore(store).get(key);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Problems the store reports (the player is told on the first). */
function problemsOf(store: { onProblem(l: (p: StorageProblem) => void): void }): StorageProblem[] {
  const problems: StorageProblem[] = [];
  store.onProblem((p) => problems.push(p));
  return problems;
}

const quietWarnings = () => vi.spyOn(console, 'warn').mockImplementation(() => undefined);

describe('storage', () => {
  it('starts empty on a new device and keeps what it saves across reopening', async () => {
    const store = await openStore();
    expect(store.mode()).toBe('idb');
    expect(store.snapshot().progress).toEqual([]);
    expect(store.snapshot().settings).toEqual({ lang: null, sound: true, reducedMotion: null });
    await store.putLevel({ levelId: 'one-word', stars: 3, completedAt: 5, plays: 1 });
    await store.putSettings({ lang: 'zh', sound: false, reducedMotion: true });
    await store.putMeta({ lastLevelId: 'one-word', persistRequested: true, modelBackend: 'wasm' });
    store.close();

    const again = await openStore();
    expect(again.snapshot().progress).toEqual([{ levelId: 'one-word', stars: 3, completedAt: 5, plays: 1 }]);
    expect(again.snapshot().settings).toEqual({ lang: 'zh', sound: false, reducedMotion: true });
    expect(again.snapshot().meta).toEqual({
      lastLevelId: 'one-word',
      persistRequested: true,
      modelBackend: 'wasm',
    });
    await again.clearProgress();
    again.close();
    expect((await openStore()).snapshot().progress).toEqual([]);
  });

  it('upgrades a v1 database from its fixture, dropping only the bad entries', async () => {
    await seedDatabase(fixtureV1);
    const store = await openStore({ now: () => 1234 });
    expect(store.mode()).toBe('idb');
    const progress = [...store.snapshot().progress].sort((a, b) => a.levelId.localeCompare(b.levelId));
    // "lots" and 7 are not star counts; a level this build does not know is kept for a later one.
    expect(progress).toEqual([
      { levelId: 'future-level', stars: 3, completedAt: 1234, plays: 1 },
      { levelId: 'one-word', stars: 2, completedAt: 1234, plays: 1 },
    ]);
    expect(store.snapshot().settings).toEqual({ lang: 'zh', sound: false, reducedMotion: null });
    store.close();
    const { db } = await openRaw();
    expect(db.version).toBe(2);
    expect([...db.objectStoreNames].sort()).toEqual(['meta', 'progress', 'settings']);
    db.close();
  });

  it('leaves the v1 data as it was when the upgrade fails, and plays on in memory', async () => {
    await seedDatabase(fixtureV1);
    const get = vi.spyOn(IDBObjectStore.prototype, 'get').mockImplementation(() => {
      throw new DOMException('disk error', 'UnknownError');
    });
    quietWarnings();
    const store = await openStore();
    expect(store.mode()).toBe('memory');
    expect(problemsOf(store)).toEqual(['unavailable']);
    get.mockRestore();
    const { db } = await openRaw();
    expect(db.version).toBe(1);
    expect([...db.objectStoreNames]).toEqual(['kv']);
    expect(await getRaw(db, 'kv', 'settings')).toEqual(fixtureV1.stores.kv[1]?.value);
    db.close();
  });

  it('skips corrupt and foreign records and keeps the valid ones', async () => {
    (await openStore()).close();
    await putRaw('progress', { levelId: 'one-word', stars: 2, completedAt: 1, plays: 1 });
    await putRaw('progress', { levelId: 'knobs', stars: 'three', completedAt: 1, plays: 1 });
    await putRaw('progress', { levelId: '<script>', stars: 1, completedAt: 1, plays: 1 });
    await putRaw('progress', { levelId: 'neuron', stars: 1, completedAt: -5, plays: 1 });
    await putRaw('settings', { lang: 'fr', sound: 'loud', reducedMotion: true }, 'app');
    await putRaw('meta', 'not an object', 'app');
    const store = await openStore();
    expect(store.snapshot().progress.map((r) => r.levelId)).toEqual(['one-word']);
    expect(store.snapshot().skipped).toBe(3);
    expect(store.snapshot().settings).toEqual({ lang: null, sound: true, reducedMotion: true });
    expect(store.snapshot().meta).toEqual({ lastLevelId: null, persistRequested: false, modelBackend: null });
  });

  it('plays on in memory when IndexedDB cannot be opened, and says so once', async () => {
    vi.spyOn(factory, 'open').mockImplementation(() => {
      throw new DOMException('private mode', 'InvalidStateError');
    });
    quietWarnings();
    const store = await openStore();
    const problems = problemsOf(store);
    expect(store.mode()).toBe('memory');
    await store.putLevel({ levelId: 'one-word', stars: 1, completedAt: 1, plays: 1 });
    expect(store.snapshot().progress).toHaveLength(1);
    expect(problems).toEqual(['unavailable']);
  });

  it('plays on in memory where there is no IndexedDB at all', async () => {
    vi.stubGlobal('indexedDB', undefined);
    quietWarnings();
    const store = await openStore();
    expect(store.mode()).toBe('memory');
    expect(problemsOf(store)).toEqual(['unavailable']);
  });

  it('keeps progress in memory when a write fails (storage full), telling the player once', async () => {
    const store = await openStore();
    const problems = problemsOf(store);
    quietWarnings();
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    await store.putLevel({ levelId: 'one-word', stars: 2, completedAt: 1, plays: 1 });
    await store.putSettings({ lang: 'en', sound: false, reducedMotion: null });
    expect(store.snapshot().progress.map((r) => r.stars)).toEqual([2]);
    expect(store.snapshot().settings.sound).toBe(false);
    expect(problems).toEqual(['write-failed']);
  });

  it('is blocked by an older tab that keeps v1 open: plays in memory, then lets the upgrade finish', async () => {
    await seedDatabase(fixtureV1);
    // An old tab keeps version 1 open and ignores the request to close.
    const old = await openRaw(1);
    const asked: number[] = [];
    old.db.onversionchange = (e) => asked.push(e.newVersion ?? 0);
    const warn = quietWarnings();
    const store = await openStore({ openTimeoutMs: 200 });
    expect(asked).toEqual([2]);
    expect(store.mode()).toBe('memory');
    expect(problemsOf(store)).toEqual(['blocked']);
    expect(warn).toHaveBeenCalledOnce();
    // Saving still "works" for this session, from memory.
    await store.putLevel({ levelId: 'knobs', stars: 1, completedAt: 1, plays: 1 });
    expect(store.snapshot().progress.map((r) => r.levelId)).toEqual(['knobs']);

    // Once the old tab goes, the waiting upgrade completes and its connection is let go at once:
    // a later version is not blocked by it.
    old.db.close();
    const later = await openRaw(3);
    expect(later.events).toEqual(['upgradeneeded']);
    expect(await getRaw(later.db, 'settings', 'app')).toEqual({
      lang: 'zh',
      sound: false,
      reducedMotion: null,
    });
    later.db.close();
  });

  it('waits for an older tab that lets go when asked, then upgrades and saves', async () => {
    await seedDatabase(fixtureV1);
    const old = await openRaw(1);
    old.db.onversionchange = () => old.db.close();
    const store = await openStore({ openTimeoutMs: 5000 });
    expect(store.mode()).toBe('idb');
    expect(problemsOf(store)).toEqual([]);
    expect(
      store
        .snapshot()
        .progress.map((r) => r.levelId)
        .sort(),
    ).toEqual(['future-level', 'one-word']);
  });

  it('closes its connection when a newer version in another tab upgrades, and plays on in memory', async () => {
    const store = await openStore();
    const problems = problemsOf(store);
    await store.putLevel({ levelId: 'one-word', stars: 2, completedAt: 1, plays: 1 });
    quietWarnings();
    // A newer build (version 3) opens in another tab: it is not blocked by this one.
    const newer = await openRaw(3);
    expect(newer.events).toEqual(['upgradeneeded']);
    expect(store.mode()).toBe('memory');
    expect(problems).toEqual(['superseded']);
    // What this tab knew stays, and its writes no longer touch the database the newer tab owns.
    await store.putLevel({ levelId: 'one-word', stars: 3, completedAt: 2, plays: 2 });
    expect(store.snapshot().progress).toEqual([{ levelId: 'one-word', stars: 3, completedAt: 2, plays: 2 }]);
    expect(await getRaw(newer.db, 'progress', 'one-word')).toEqual({
      levelId: 'one-word',
      stars: 2,
      completedAt: 1,
      plays: 1,
    });
    newer.db.close();
  });

  it('falls back to memory, telling the player once, when the browser closes the database', async () => {
    // The store's own connection, caught as it is opened, to be closed the way a browser does
    // when the site's data is cleared while the game runs.
    const requests: IDBOpenDBRequest[] = [];
    const open = factory.open.bind(factory);
    vi.spyOn(factory, 'open').mockImplementation((name, version) => {
      const request = open(name, version);
      requests.push(request);
      return request;
    });
    const store = await openStore();
    const problems = problemsOf(store);
    await store.putSettings({ lang: 'en', sound: false, reducedMotion: null });
    expect(requests).toHaveLength(1);
    const warn = quietWarnings();
    // (fake-indexeddb's types ask for the class where the function takes a connection.)
    forceCloseDatabase(requests[0]?.result as unknown as typeof IDBDatabase);
    expect(store.mode()).toBe('memory');
    expect(problems).toEqual(['terminated']);
    expect(warn).toHaveBeenCalledOnce();
    await store.putLevel({ levelId: 'one-word', stars: 1, completedAt: 1, plays: 1 });
    expect(store.snapshot().settings.sound).toBe(false);
    expect(store.snapshot().progress).toHaveLength(1);
    expect(problems).toEqual(['terminated']);
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

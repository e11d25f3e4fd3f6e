/**
 * The signs a player taught the digit network (level "draw-digit"): their examples as 28 × 28
 * grids and the trained last layer, kept in a small IndexedDB database of their own (apart from
 * progress and settings, so clearing them touches nothing else). Never throws: without IndexedDB
 * the level plays on and keeps nothing.
 */
import { openDB, type IDBPDatabase } from 'idb';

export const SIGNS_DB = 'owaat-signs';
const STORE = 'signs';
const KEY = 'draw-digit';

export interface SignStore {
  load(): Promise<unknown>;
  save(record: unknown): Promise<boolean>;
  clear(): Promise<boolean>;
}

export function openSignStore(name = SIGNS_DB): SignStore {
  let db: Promise<IDBPDatabase | null> | null = null;
  const open = (): Promise<IDBPDatabase | null> => {
    if (!db)
      db =
        typeof indexedDB === 'undefined'
          ? Promise.resolve(null)
          : openDB(name, 1, {
              upgrade(d) {
                d.createObjectStore(STORE);
              },
            }).catch(() => null);
    return db;
  };
  return {
    async load() {
      try {
        return (await (await open())?.get(STORE, KEY)) ?? null;
      } catch {
        return null;
      }
    },
    async save(record) {
      try {
        const d = await open();
        if (!d) return false;
        await d.put(STORE, record, KEY);
        return true;
      } catch {
        return false;
      }
    },
    async clear() {
      try {
        const d = await open();
        if (!d) return false;
        await d.delete(STORE, KEY);
        return true;
      } catch {
        return false;
      }
    },
  };
}

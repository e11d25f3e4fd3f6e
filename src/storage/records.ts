/**
 * A small IndexedDB database of one object store, records by key, for what a level keeps of its
 * own (apart from progress and settings, so clearing it touches nothing else). Never throws:
 * without IndexedDB, or when it fails, reads give null and writes false, and the level plays on.
 */
import { openDB, type IDBPDatabase } from 'idb';

export interface RecordStore {
  get(key: string): Promise<unknown>;
  put(key: string, record: unknown): Promise<boolean>;
  delete(key: string): Promise<boolean>;
}

export function openRecordStore(name: string, store: string): RecordStore {
  let db: Promise<IDBPDatabase | null> | null = null;
  const open = (): Promise<IDBPDatabase | null> => {
    if (!db)
      db =
        typeof indexedDB === 'undefined'
          ? Promise.resolve(null)
          : openDB(name, 1, {
              upgrade(d) {
                d.createObjectStore(store);
              },
            }).catch(() => null);
    return db;
  };
  const write = async (fn: (d: IDBPDatabase) => Promise<unknown>): Promise<boolean> => {
    try {
      const d = await open();
      if (!d) return false;
      await fn(d);
      return true;
    } catch {
      return false;
    }
  };
  return {
    async get(key) {
      try {
        return (await (await open())?.get(store, key)) ?? null;
      } catch {
        return null;
      }
    },
    put: (key, record) => write((d) => d.put(store, record, key)),
    delete: (key) => write((d) => d.delete(store, key)),
  };
}

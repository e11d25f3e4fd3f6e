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

/**
 * One connection per database (and per IndexedDB, which tests replace): every level visit opening
 * its store again would otherwise leave one more connection open each time. A connection the
 * browser closes (site data cleared) or another tab needs to upgrade is let go and opened anew.
 */
const connections = new WeakMap<IDBFactory, Map<string, Promise<IDBPDatabase | null>>>();

function connect(name: string, store: string): Promise<IDBPDatabase | null> {
  if (typeof indexedDB === 'undefined') return Promise.resolve(null);
  let open = connections.get(indexedDB);
  if (!open) connections.set(indexedDB, (open = new Map()));
  const known = open.get(name);
  if (known) return known;
  const forget = (): void => void open.delete(name);
  const made = openDB(name, 1, {
    upgrade(d) {
      d.createObjectStore(store);
    },
    terminated: forget,
    blocking() {
      forget();
      void made.then((d) => d?.close());
    },
  }).catch(() => {
    forget();
    return null;
  });
  open.set(name, made);
  return made;
}

export function openRecordStore(name: string, store: string): RecordStore {
  const open = (): Promise<IDBPDatabase | null> => connect(name, store);
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

/**
 * The signs a player taught the digit network (level "draw-digit"): their examples as 28 × 28
 * grids and the trained last layer, kept in a small IndexedDB database of their own (apart from
 * progress and settings, so clearing them touches nothing else). Never throws: without IndexedDB
 * the level plays on and keeps nothing.
 */
import { openRecordStore } from './records';

export const SIGNS_DB = 'owaat-signs';
const STORE = 'signs';
const KEY = 'draw-digit';

export interface SignStore {
  load(): Promise<unknown>;
  save(record: unknown): Promise<boolean>;
  clear(): Promise<boolean>;
}

export function openSignStore(name = SIGNS_DB): SignStore {
  const records = openRecordStore(name, STORE);
  return {
    load: () => records.get(KEY),
    save: (record) => records.put(KEY, record),
    clear: () => records.delete(KEY),
  };
}

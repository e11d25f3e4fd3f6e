/**
 * What a player taught the model (level "teach"), kept in this browser only, in a small IndexedDB
 * database of its own: per language, the sentences, the setting and the trained change of the
 * output layer (its numbers A and B), and the version before it (for undo). Nothing is sent
 * anywhere. A record that is damaged or of an older shape is dropped, and the level says so.
 */
import { openRecordStore } from './records';

export const TEACH_DB = 'owaat-teach';
const STORE = 'teach';
/** The record's shape: a different one is dropped (not read half-way). */
export const TEACH_RECORD_VERSION = 1;

export interface TaughtUpdate {
  readonly rank: number;
  readonly dModel: number;
  readonly vocab: number;
  readonly a: Float32Array;
  readonly b: Float32Array;
}

export interface TaughtRecord {
  readonly v: typeof TEACH_RECORD_VERSION;
  readonly sentences: readonly string[];
  readonly setting: string;
  readonly update: TaughtUpdate;
  /** The forgetting meter when it was trained: perplexity before and after. */
  readonly before: number;
  readonly after: number;
  readonly savedAt: number;
}

export interface TaughtState {
  readonly current: TaughtRecord | null;
  /** What undo brings back (null: nothing taught yet, the model as it was). */
  readonly previous: TaughtRecord | null;
  /** Whether undo has something to go back to (a save since the last undo). */
  readonly undoable: boolean;
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

function parseUpdate(x: unknown): TaughtUpdate | null {
  if (!isObj(x)) return null;
  const { rank, dModel, vocab, a, b } = x;
  if (!finite(rank) || !finite(dModel) || !finite(vocab)) return null;
  if (!(a instanceof Float32Array) || !(b instanceof Float32Array)) return null;
  if (a.length !== rank * dModel || b.length !== vocab * rank) return null;
  if (!a.every(Number.isFinite) || !b.every(Number.isFinite)) return null;
  return { rank, dModel, vocab, a, b };
}

/** A saved record, checked; null when it is missing, damaged or of another version. */
export function parseTaughtRecord(x: unknown): TaughtRecord | null {
  if (!isObj(x) || x.v !== TEACH_RECORD_VERSION) return null;
  const { sentences, setting, before, after, savedAt } = x;
  if (!Array.isArray(sentences) || !sentences.every((s) => typeof s === 'string')) return null;
  if (typeof setting !== 'string' || !finite(before) || !finite(after) || !finite(savedAt)) return null;
  const update = parseUpdate(x.update);
  if (!update) return null;
  return {
    v: TEACH_RECORD_VERSION,
    sentences: [...(sentences as string[])],
    setting,
    update,
    before,
    after,
    savedAt,
  };
}

export interface TeachStore {
  /** What is kept for `lang`; `dropped`: something was there and could not be read (it is removed). */
  load(lang: string): Promise<TaughtState & { dropped: boolean }>;
  /** Keeps a new change; the one before becomes what undo brings back. */
  save(lang: string, record: TaughtRecord): Promise<TaughtState | null>;
  /** Back to the version before; null when there was none or saving failed. */
  undo(lang: string): Promise<TaughtState | null>;
  /** Forgets everything taught in `lang`. */
  clear(lang: string): Promise<boolean>;
  /** Whether the player lets the other levels use what they taught in `lang`. */
  shared(lang: string): Promise<boolean>;
  /** Says so (false when it could not be kept). */
  share(lang: string, on: boolean): Promise<boolean>;
}

export function openTeachStore(name = TEACH_DB): TeachStore {
  const records = openRecordStore(name, STORE);
  const read = async (lang: string): Promise<TaughtState & { dropped: boolean }> => {
    const raw = await records.get(lang);
    if (raw === null || raw === undefined)
      return { current: null, previous: null, undoable: false, dropped: false };
    const current = isObj(raw) ? parseTaughtRecord(raw.current) : null;
    const previous = isObj(raw) ? parseTaughtRecord(raw.previous) : null;
    const dropped =
      !isObj(raw) || (raw.current != null && current === null) || (raw.previous != null && previous === null);
    const undoable = isObj(raw) && raw.undoable === true && !dropped;
    if (dropped) await records.put(lang, { current, previous, undoable });
    return { current, previous, undoable, dropped };
  };
  const write = async (lang: string, state: TaughtState): Promise<TaughtState | null> =>
    (await records.put(lang, state)) ? state : null;
  return {
    load: read,
    async save(lang, record) {
      const { current } = await read(lang);
      return write(lang, { current: record, previous: current, undoable: true });
    },
    async undo(lang) {
      const { previous, undoable } = await read(lang);
      if (!undoable) return null;
      return write(lang, { current: previous, previous: null, undoable: false });
    },
    clear: (lang) => records.delete(lang),
    shared: async (lang) => (await records.get(`shared:${lang}`)) === true,
    share: (lang, on) => records.put(`shared:${lang}`, on),
  };
}

/**
 * The level registry: every level declared once, in the order of the map, grouped in the
 * book's chapters. Pure data: a level's texts live in `levels:<id>.*` (title, goal, stars) and
 * in its own locale namespace `ns` (intro, start, learned and the rest); its Phaser scene is
 * found by id (scenes/levels/index.ts, checked by the compiler against `built`), its scene key
 * is `sceneKey(id)`, and the i18n namespaces are taken from here.
 */

/** The book's parts, as regions of the map. */
export const CHAPTERS = ['talk', 'chances', 'model', 'meaning', 'limits', 'yours'] as const;
export type ChapterId = (typeof CHAPTERS)[number];

interface Declared {
  readonly id: string;
  readonly chapter: ChapterId;
  /** Whether it needs the language model (the map says so, the preloader fetches it). */
  readonly needsModel: boolean;
  /** Its own locale namespace (`locales/<lang>/<ns>.json`), or null while it is still being built. */
  readonly ns: string | null;
}

const DECLARED = [
  { id: 'one-word', chapter: 'talk', needsModel: false, ns: 'oneWord' },
  { id: 'next-word', chapter: 'talk', needsModel: true, ns: 'nextWord' },
  { id: 'temperature', chapter: 'talk', needsModel: true, ns: 'temperature' },
  { id: 'letter-dice', chapter: 'chances', needsModel: false, ns: 'letterDice' },
  { id: 'word-chains', chapter: 'chances', needsModel: false, ns: 'wordChains' },
  { id: 'knobs', chapter: 'model', needsModel: false, ns: 'knobs' },
  { id: 'neuron', chapter: 'model', needsModel: false, ns: 'neuron' },
  { id: 'loss-landscape', chapter: 'model', needsModel: false, ns: 'landscape' },
  { id: 'draw-digit', chapter: 'model', needsModel: false, ns: 'drawDigit' },
  { id: 'semantic-map', chapter: 'meaning', needsModel: false, ns: 'semanticMap' },
  { id: 'inside', chapter: 'meaning', needsModel: true, ns: 'inside' },
  { id: 'rule-30', chapter: 'limits', needsModel: false, ns: 'rule30' },
  { id: 'calculator', chapter: 'limits', needsModel: false, ns: 'calculator' },
  { id: 'grammar', chapter: 'limits', needsModel: true, ns: 'grammar' },
  { id: 'teach', chapter: 'yours', needsModel: true, ns: 'teach' },
] as const satisfies readonly Declared[];

type Decl = (typeof DECLARED)[number];
export type LevelId = Decl['id'];
/** The levels that play (they have a scene and a locale namespace). */
export type BuiltLevelId = Extract<Decl, { ns: string }>['id'];
/** The locale namespaces of the built levels. */
export type LevelNamespace = Extract<Decl, { ns: string }>['ns'];
export type Stars = 0 | 1 | 2 | 3;

export interface LevelDef {
  readonly id: LevelId;
  readonly chapter: ChapterId;
  readonly needsModel: boolean;
  /** Its locale namespace, or null while the level is still being built ("coming soon"). */
  readonly ns: LevelNamespace | null;
  /** Whether it plays: a built level has a scene. */
  readonly built: boolean;
  /** The level that finishing this one unlocks (the next on the path). */
  readonly unlocks: LevelId | null;
}

export const LEVEL_IDS: readonly LevelId[] = DECLARED.map((d) => d.id);

export const LEVELS: readonly LevelDef[] = DECLARED.map((d, i) => ({
  id: d.id,
  chapter: d.chapter,
  needsModel: d.needsModel,
  ns: d.ns,
  built: d.ns !== null,
  unlocks: DECLARED[i + 1]?.id ?? null,
}));

/** The namespaces of the levels that play, for i18n. */
export const LEVEL_NAMESPACES: readonly LevelNamespace[] = LEVELS.flatMap((l) => (l.ns ? [l.ns] : []));

/** The Phaser scene key of a level. */
export function sceneKey(id: LevelId): `level-${LevelId}` {
  return `level-${id}`;
}

export function isLevelId(value: unknown): value is LevelId {
  return typeof value === 'string' && (LEVEL_IDS as readonly string[]).includes(value);
}

export function levelById(id: LevelId): LevelDef {
  const def = LEVELS.find((l) => l.id === id);
  if (!def) throw new Error(`unknown level ${id}`);
  return def;
}

/** The chapters in order, each with its levels in map order. */
export function chapters(levels: readonly LevelDef[] = LEVELS): { id: ChapterId; levels: LevelDef[] }[] {
  return CHAPTERS.map((id) => ({ id, levels: levels.filter((l) => l.chapter === id) })).filter(
    (c) => c.levels.length > 0,
  );
}

/** The most stars the built levels can give: three each. */
export function maxStars(levels: readonly LevelDef[] = LEVELS): number {
  return 3 * levels.filter((l) => l.built).length;
}

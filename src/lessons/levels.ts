/**
 * The level registry: what every level is, in the order of the map. Pure data: titles and
 * goals are translation keys, scenes are keys (the Phaser classes are wired up in main.ts).
 */
export const LEVEL_IDS = [
  'one-word',
  'next-word',
  'temperature',
  'letter-dice',
  'word-chains',
  'knobs',
  'neuron',
  'loss-landscape',
  'semantic-map',
] as const;

export type LevelId = (typeof LEVEL_IDS)[number];
export type Stars = 0 | 1 | 2 | 3;

export interface LevelDef {
  readonly id: LevelId;
  /** Key of the Phaser scene that plays it, or null while the level is still being built. */
  readonly scene: string | null;
  /** The translation namespace holding title, goal, stars and learned texts: `levels:<id>.*`. */
  readonly i18nKey: LevelId;
  /** The level that finishing this one unlocks. */
  readonly unlocks: LevelId | null;
  /** Whether it needs the language model (the map says so, the preloader fetches it). */
  readonly needsModel: boolean;
}

const SCENES: Partial<Record<LevelId, string>> = {
  'one-word': 'level-one-word',
  'next-word': 'level-next-word',
  temperature: 'level-temperature',
  knobs: 'level-knobs',
  neuron: 'level-neuron',
  'loss-landscape': 'level-loss-landscape',
};

const NEEDS_MODEL: ReadonlySet<LevelId> = new Set(['next-word', 'temperature', 'semantic-map']);

export const LEVELS: readonly LevelDef[] = LEVEL_IDS.map((id, i) => ({
  id,
  scene: SCENES[id] ?? null,
  i18nKey: id,
  unlocks: LEVEL_IDS[i + 1] ?? null,
  needsModel: NEEDS_MODEL.has(id),
}));

export function isLevelId(value: unknown): value is LevelId {
  return typeof value === 'string' && (LEVEL_IDS as readonly string[]).includes(value);
}

export function levelById(id: LevelId): LevelDef {
  const def = LEVELS.find((l) => l.id === id);
  if (!def) throw new Error(`unknown level ${id}`);
  return def;
}

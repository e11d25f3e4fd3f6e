/**
 * Progress rules: which stations of the map are done, open or locked, what a finished level
 * changes, and where the player resumes. Pure functions over plain records.
 */
import { LEVELS, isLevelId, type LevelDef, type LevelId, type Stars } from './levels';

export interface LevelResult {
  readonly levelId: string;
  readonly stars: Stars;
  readonly completedAt: number;
  readonly plays: number;
}

/** Best result per level; records of unknown levels are kept by storage but ignored here. */
export type Progress = ReadonlyMap<LevelId, LevelResult>;

export type StationState = 'done' | 'open' | 'locked' | 'soon';

export function toProgress(results: readonly LevelResult[]): Progress {
  const map = new Map<LevelId, LevelResult>();
  for (const r of results) if (isLevelId(r.levelId)) map.set(r.levelId, r);
  return map;
}

/**
 * The level whose finishing unlocks `id`, if any: the one before it on the path, passing over
 * levels still being built (they cannot be finished, so they never keep a built level locked).
 */
export function unlockedBy(id: LevelId, levels: readonly LevelDef[] = LEVELS): LevelId | null {
  let before = levels.find((l) => l.unlocks === id);
  while (before && !before.built) {
    const at: LevelDef = before;
    before = levels.find((l) => l.unlocks === at.id);
  }
  return before?.id ?? null;
}

/** The next level the player can play after `id`, passing over levels still being built. */
export function nextPlayable(id: LevelId, levels: readonly LevelDef[] = LEVELS): LevelId | null {
  let next = levels.find((l) => l.id === id)?.unlocks ?? null;
  while (next !== null) {
    const def = levels.find((l) => l.id === next);
    if (!def) return null;
    if (def.built) return def.id;
    next = def.unlocks;
  }
  return null;
}

/**
 * done: finished with at least one star; open: unlocked and playable; soon: unlocked but the
 * level is still being built; locked: the level before it is not finished yet.
 */
export function stationState(
  id: LevelId,
  progress: Progress,
  levels: readonly LevelDef[] = LEVELS,
): StationState {
  const def = levels.find((l) => l.id === id);
  if (!def) return 'locked';
  const before = unlockedBy(id, levels);
  const unlocked = before === null || (progress.get(before)?.stars ?? 0) > 0;
  if (!def.built) return unlocked ? 'soon' : 'locked';
  if ((progress.get(id)?.stars ?? 0) > 0) return 'done';
  return unlocked ? 'open' : 'locked';
}

/** The new record after finishing a level: best stars are kept, plays are counted. */
export function recordResult(
  previous: LevelResult | undefined,
  id: LevelId,
  stars: Stars,
  now: number,
): LevelResult {
  return {
    levelId: id,
    stars: Math.max(previous?.stars ?? 0, stars) as Stars,
    completedAt: now,
    plays: (previous?.plays ?? 0) + 1,
  };
}

/**
 * Where the map puts the player: the level they last played if it is not done yet,
 * else the first open level, else the last level they played.
 */
export function resumeLevel(
  progress: Progress,
  lastLevelId: string | null,
  levels: readonly LevelDef[] = LEVELS,
): LevelId {
  const last = isLevelId(lastLevelId) ? lastLevelId : null;
  if (last && stationState(last, progress, levels) === 'open') return last;
  const open = levels.find((l) => stationState(l.id, progress, levels) === 'open');
  if (open) return open.id;
  return last ?? (levels[0] as LevelDef).id;
}

/** The stars earned on the levels that play (a record of a level no longer built does not count). */
export function totalStars(progress: Progress, levels: readonly LevelDef[] = LEVELS): number {
  return chapterStars(levels, progress).count;
}

/** A chapter's stars: earned, and the most its built levels can give. */
export function chapterStars(
  levels: readonly LevelDef[],
  progress: Progress,
): { count: number; total: number } {
  const built = levels.filter((l) => l.built);
  return {
    count: built.reduce((n, l) => n + (progress.get(l.id)?.stars ?? 0), 0),
    total: 3 * built.length,
  };
}

import { describe, expect, it } from 'vitest';
import {
  CHAPTERS,
  LEVELS,
  LEVEL_IDS,
  LEVEL_NAMESPACES,
  chapters,
  isLevelId,
  maxStars,
  sceneKey,
  type LevelDef,
  type LevelId,
} from '../../src/lessons/levels';
import {
  recordResult,
  resumeLevel,
  stationState,
  toProgress,
  totalStars,
  unlockedBy,
  nextPlayable,
  chapterStars,
} from '../../src/lessons/progress';

const played = (id: string, stars: 0 | 1 | 2 | 3) => ({ levelId: id, stars, completedAt: 1, plays: 1 });

/** A small registry for the rules: `built` levels play, the others are "coming soon". */
function registry(entries: [LevelId, boolean][]): LevelDef[] {
  return entries.map(([id, built], i) => ({
    id,
    chapter: 'talk',
    needsModel: false,
    ns: null,
    built,
    unlocks: entries[i + 1]?.[0] ?? null,
  }));
}

describe('level registry', () => {
  it('has the project’s level ids in map order, each unlocking the next', () => {
    expect(LEVEL_IDS).toEqual([
      'one-word',
      'next-word',
      'temperature',
      'letter-dice',
      'word-chains',
      'knobs',
      'neuron',
      'loss-landscape',
      'draw-digit',
      'semantic-map',
      'inside',
      'rule-30',
      'calculator',
      'grammar',
      'teach',
    ]);
    LEVELS.forEach((l, i) => expect(l.unlocks).toBe(LEVEL_IDS[i + 1] ?? null));
    expect(isLevelId('one-word')).toBe(true);
    expect(isLevelId('nope')).toBe(false);
  });

  it('groups the levels in the book’s parts, in map order, each part after the one before', () => {
    const parts = chapters();
    expect(parts.map((c) => c.id)).toEqual([...CHAPTERS]);
    expect(parts.flatMap((c) => c.levels.map((l) => l.id))).toEqual([...LEVEL_IDS]);
    expect(parts.map((c) => [c.id, c.levels.map((l) => l.id)])).toEqual([
      ['talk', ['one-word', 'next-word', 'temperature']],
      ['chances', ['letter-dice', 'word-chains']],
      ['model', ['knobs', 'neuron', 'loss-landscape', 'draw-digit']],
      ['meaning', ['semantic-map', 'inside']],
      ['limits', ['rule-30', 'calculator', 'grammar']],
      ['yours', ['teach']],
    ]);
  });

  it('derives what the game needs from each level: built or not, namespace, scene key, star total', () => {
    const built = LEVELS.filter((l) => l.built).map((l) => l.id);
    expect(built).toEqual([
      'one-word',
      'next-word',
      'temperature',
      'letter-dice',
      'word-chains',
      'knobs',
      'neuron',
      'loss-landscape',
      'draw-digit',
      'semantic-map',
      'inside',
      'rule-30',
      'calculator',
      'grammar',
      'teach',
    ]);
    expect(LEVEL_NAMESPACES).toEqual([
      'oneWord',
      'nextWord',
      'temperature',
      'letterDice',
      'wordChains',
      'knobs',
      'neuron',
      'landscape',
      'drawDigit',
      'semanticMap',
      'inside',
      'rule30',
      'calculator',
      'grammar',
      'teach',
    ]);
    expect(LEVELS.every((l) => l.built === (l.ns !== null))).toBe(true);
    expect(sceneKey('loss-landscape')).toBe('level-loss-landscape');
    // Stars are counted over built levels only: all 15 levels play now, so 3 × 15.
    expect(maxStars()).toBe(45);
    expect(
      maxStars(
        registry([
          ['one-word', true],
          ['next-word', false],
        ]),
      ),
    ).toBe(3);
    expect(LEVELS.filter((l) => l.needsModel).map((l) => l.id)).toEqual([
      'next-word',
      'temperature',
      'inside',
      'grammar',
      'teach',
    ]);
  });
});

describe('stations', () => {
  it('a new player sees the first level open and the rest locked', () => {
    const p = toProgress([]);
    expect(stationState('one-word', p)).toBe('open');
    expect(stationState('next-word', p)).toBe('locked');
    expect(stationState('knobs', p)).toBe('locked');
  });

  it('finishing a level marks it done and unlocks the next one', () => {
    const p = toProgress([played('one-word', 2)]);
    expect(stationState('one-word', p)).toBe('done');
    // next-word is unlocked; it shows "coming soon" until its scene exists.
    expect(stationState('next-word', p)).toBe(LEVELS[1]?.built ? 'open' : 'soon');
    expect(stationState('temperature', p)).toBe('locked');
  });

  it('works on any registry: an unbuilt level is soon once unlocked', () => {
    const levels = registry([
      ['one-word', true],
      ['next-word', true],
      ['temperature', false],
    ]);
    const p = toProgress([played('one-word', 1), played('next-word', 3)]);
    expect(stationState('next-word', p, levels)).toBe('done');
    expect(stationState('temperature', p, levels)).toBe('soon');
    expect(resumeLevel(p, 'next-word', levels)).toBe('next-word');
  });

  it('levels still being built never lock the built ones after them', () => {
    const levels = registry([
      ['one-word', true],
      ['next-word', false],
      ['temperature', false],
      ['knobs', true],
    ]);
    expect(stationState('knobs', toProgress([]), levels)).toBe('locked');
    expect(unlockedBy('knobs', levels)).toBe('one-word');
    const p = toProgress([played('one-word', 1)]);
    expect(stationState('temperature', p, levels)).toBe('soon');
    expect(stationState('knobs', p, levels)).toBe('open');
    expect(resumeLevel(p, 'one-word', levels)).toBe('knobs');
    // On the real path: after temperature, letter dice opens; after it, word chains; after that, the maths levels.
    const real = toProgress([played('one-word', 1), played('next-word', 1), played('temperature', 1)]);
    expect(stationState('letter-dice', real)).toBe('open');
    expect(stationState('knobs', real)).toBe('locked');
    const diced = toProgress([...real.values(), played('letter-dice', 2)]);
    expect(stationState('word-chains', diced)).toBe('open');
    expect(stationState('knobs', diced)).toBe('locked');
    const chained = toProgress([...diced.values(), played('word-chains', 1)]);
    expect(stationState('knobs', chained)).toBe('open');
    expect(stationState('neuron', chained)).toBe('locked');
    expect(nextPlayable('temperature')).toBe('letter-dice');
    expect(nextPlayable('letter-dice')).toBe('word-chains');
    expect(nextPlayable('word-chains')).toBe('knobs');
    expect(nextPlayable('loss-landscape')).toBe('draw-digit');
    expect(nextPlayable('draw-digit')).toBe('semantic-map');
    expect(nextPlayable('semantic-map')).toBe('inside');
    expect(nextPlayable('inside')).toBe('rule-30');
    expect(nextPlayable('rule-30')).toBe('calculator');
    expect(nextPlayable('calculator')).toBe('grammar');
    expect(nextPlayable('grammar')).toBe('teach');
    expect(nextPlayable('teach')).toBe(null);
    expect(nextPlayable('knobs')).toBe('neuron');
  });

  it('ignores records of levels it does not know', () => {
    const p = toProgress([played('future-level', 3), played('one-word', 1)]);
    expect([...p.keys()]).toEqual(['one-word']);
    expect(totalStars(p)).toBe(1);
  });

  it('counts stars per part and in all over the levels that play only', () => {
    const p = toProgress([
      played('one-word', 3),
      played('next-word', 2),
      played('knobs', 1),
      played('letter-dice', 3),
    ]);
    const parts = chapters();
    const of = (id: string) => chapterStars(parts.find((c) => c.id === id)?.levels ?? [], p);
    expect(of('talk')).toEqual({ count: 5, total: 9 });
    expect(of('model')).toEqual({ count: 1, total: 12 });
    expect(of('chances')).toEqual({ count: 3, total: 6 });
    expect(totalStars(p)).toBe(9);
    // A record for a level still being built (old data, a test) earns nothing and counts for nothing.
    const unbuilt = registry([
      ['one-word', true],
      ['teach', false],
    ]);
    const old = toProgress([played('teach', 3)]);
    expect(chapterStars(unbuilt, old)).toEqual({ count: 0, total: 3 });
    expect(totalStars(old, unbuilt)).toBe(0);
    expect(chapterStars(parts.find((c) => c.id === 'yours')?.levels ?? [], old)).toEqual({
      count: 3,
      total: 3,
    });
  });
});

describe('results', () => {
  it('keeps the best stars and counts plays', () => {
    const first = recordResult(undefined, 'one-word', 3, 100);
    const second = recordResult(first, 'one-word', 1, 200);
    expect(second).toEqual({ levelId: 'one-word', stars: 3, completedAt: 200, plays: 2 });
  });

  it('resumes on the last unfinished level, else the first open one', () => {
    expect(resumeLevel(toProgress([]), null)).toBe('one-word');
    expect(resumeLevel(toProgress([]), 'garbage')).toBe('one-word');
    // One-word done: the next open level, not the finished one.
    expect(resumeLevel(toProgress([played('one-word', 3)]), 'one-word')).toBe('next-word');
    expect(resumeLevel(toProgress([played('one-word', 3)]), 'next-word')).toBe('next-word');
    // Nothing open any more: back to the last one played.
    const built = LEVELS.filter((l) => l.built);
    const allDone = toProgress(built.map((l) => played(l.id, 2)));
    expect(resumeLevel(allDone, 'next-word', built)).toBe('next-word');
  });
});

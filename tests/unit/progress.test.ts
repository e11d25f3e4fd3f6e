import { describe, expect, it } from 'vitest';
import { LEVELS, LEVEL_IDS, isLevelId, type LevelDef } from '../../src/lessons/levels';
import {
  recordResult,
  resumeLevel,
  stationState,
  toProgress,
  totalStars,
  unlockedBy,
  nextPlayable,
} from '../../src/lessons/progress';

const played = (id: string, stars: 0 | 1 | 2 | 3) => ({ levelId: id, stars, completedAt: 1, plays: 1 });

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
      'semantic-map',
    ]);
    LEVELS.forEach((l, i) => expect(l.unlocks).toBe(LEVEL_IDS[i + 1] ?? null));
    expect(isLevelId('one-word')).toBe(true);
    expect(isLevelId('nope')).toBe(false);
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
    expect(stationState('next-word', p)).toBe(LEVELS[1]?.scene ? 'open' : 'soon');
    expect(stationState('temperature', p)).toBe('locked');
  });

  it('works on any registry: an unbuilt level is soon once unlocked', () => {
    const levels: LevelDef[] = [
      { id: 'one-word', scene: 'a', i18nKey: 'one-word', unlocks: 'next-word', needsModel: false },
      { id: 'next-word', scene: 'b', i18nKey: 'next-word', unlocks: 'temperature', needsModel: true },
      { id: 'temperature', scene: null, i18nKey: 'temperature', unlocks: null, needsModel: true },
    ];
    const p = toProgress([played('one-word', 1), played('next-word', 3)]);
    expect(stationState('next-word', p, levels)).toBe('done');
    expect(stationState('temperature', p, levels)).toBe('soon');
    expect(resumeLevel(p, 'next-word', levels)).toBe('next-word');
  });

  it('levels still being built never lock the built ones after them', () => {
    const levels: LevelDef[] = [
      { id: 'one-word', scene: 'a', i18nKey: 'one-word', unlocks: 'next-word', needsModel: false },
      { id: 'next-word', scene: null, i18nKey: 'next-word', unlocks: 'temperature', needsModel: true },
      { id: 'temperature', scene: null, i18nKey: 'temperature', unlocks: 'knobs', needsModel: true },
      { id: 'knobs', scene: 'k', i18nKey: 'knobs', unlocks: null, needsModel: false },
    ];
    expect(stationState('knobs', toProgress([]), levels)).toBe('locked');
    expect(unlockedBy('knobs', levels)).toBe('one-word');
    const p = toProgress([played('one-word', 1)]);
    expect(stationState('temperature', p, levels)).toBe('soon');
    expect(stationState('knobs', p, levels)).toBe('open');
    expect(resumeLevel(p, 'one-word', levels)).toBe('knobs');
    // On the real path: after temperature, the maths levels open (letter dice and word chains are soon).
    const real = toProgress([played('one-word', 1), played('next-word', 1), played('temperature', 1)]);
    expect(stationState('letter-dice', real)).toBe('soon');
    expect(stationState('knobs', real)).toBe('open');
    expect(stationState('neuron', real)).toBe('locked');
    expect(nextPlayable('temperature')).toBe('knobs');
    expect(nextPlayable('loss-landscape')).toBe(null);
    expect(nextPlayable('knobs')).toBe('neuron');
  });

  it('ignores records of levels it does not know', () => {
    const p = toProgress([played('future-level', 3), played('one-word', 1)]);
    expect([...p.keys()]).toEqual(['one-word']);
    expect(totalStars(p)).toBe(1);
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
    const built = LEVELS.filter((l) => l.scene !== null);
    const allDone = toProgress(built.map((l) => played(l.id, 2)));
    expect(resumeLevel(allDone, 'next-word', built)).toBe('next-word');
  });
});

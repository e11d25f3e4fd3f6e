import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash } from '../../src/router';
import { LEVELS } from '../../src/lessons/levels';

describe('hash routes', () => {
  it('reads the map, settings, credits and levels', () => {
    expect(parseRoute('')).toEqual({ name: 'map' });
    expect(parseRoute('#/')).toEqual({ name: 'map' });
    expect(parseRoute('#/settings')).toEqual({ name: 'settings' });
    expect(parseRoute('#/credits/')).toEqual({ name: 'credits' });
    expect(parseRoute('#/play/one-word')).toEqual({ name: 'play', levelId: 'one-word' });
    expect(parseRoute('#/play/one-word?seed=42')).toEqual({ name: 'play', levelId: 'one-word', seed: 42 });
  });

  it('sends unknown and unbuilt levels to the map with a notice', () => {
    expect(parseRoute('#/play/dragons')).toEqual({ name: 'map', notice: 'unknown-level' });
    // Whichever level is still being built, if any (every level plays now).
    for (const l of LEVELS)
      expect(parseRoute(`#/play/${l.id}`)).toEqual(
        l.built ? { name: 'play', levelId: l.id } : { name: 'map', notice: 'soon' },
      );
    expect(parseRoute('#/nowhere/at/all')).toEqual({ name: 'map', notice: 'unknown-level' });
    expect(parseRoute('#/play/%E0%A4%A')).toEqual({ name: 'map', notice: 'unknown-level' });
    expect(parseRoute('#/play/one-word?seed=-3')).toEqual({ name: 'play', levelId: 'one-word' });
  });

  it('writes what it reads', () => {
    for (const hash of ['#/', '#/settings', '#/credits', '#/play/one-word', '#/play/one-word?seed=9']) {
      expect(routeHash(parseRoute(hash))).toBe(hash);
    }
  });
});

/**
 * Hash routes: the map at `#/`, a level at `#/play/<level-id>`, `#/settings`, `#/credits`.
 * Parsing is pure; a deep link to a level opens it even when the map shows it locked.
 */
import { isLevelId, levelById, type LevelId } from './lessons/levels';

export type Route =
  | { readonly name: 'map'; readonly notice?: 'unknown-level' | 'soon' }
  | { readonly name: 'play'; readonly levelId: LevelId; readonly seed?: number }
  | { readonly name: 'settings' }
  | { readonly name: 'credits' };

export function parseRoute(hash: string): Route {
  const [rawPath = '', query = ''] = hash.replace(/^#/, '').split('?');
  let path: string;
  try {
    path = decodeURIComponent(rawPath).replace(/\/+$/, '') || '/';
  } catch {
    return { name: 'map', notice: 'unknown-level' };
  }
  const parts = path.split('/').filter(Boolean);
  if (parts.length === 0) return { name: 'map' };
  if (parts[0] === 'settings' && parts.length === 1) return { name: 'settings' };
  if (parts[0] === 'credits' && parts.length === 1) return { name: 'credits' };
  if (parts[0] === 'play' && parts.length === 2) {
    const id = parts[1];
    if (!isLevelId(id)) return { name: 'map', notice: 'unknown-level' };
    if (!levelById(id).built) return { name: 'map', notice: 'soon' };
    const seed = Number(new URLSearchParams(query).get('seed'));
    return Number.isInteger(seed) && seed > 0
      ? { name: 'play', levelId: id, seed }
      : { name: 'play', levelId: id };
  }
  return { name: 'map', notice: 'unknown-level' };
}

export function routeHash(route: Route): string {
  switch (route.name) {
    case 'map':
      return '#/';
    case 'play':
      return `#/play/${route.levelId}${route.seed ? `?seed=${route.seed}` : ''}`;
    default:
      return `#/${route.name}`;
  }
}

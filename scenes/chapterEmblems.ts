import type { ChapterId } from '../src/lessons/levels';

/**
 * Each part of the book has its own emblem on the map (drawn by the project, shapes only, so it
 * reads without colour): a speech bubble, a die, a knob, a map pin, a wall, a heart.
 */
const EMBLEMS: Record<ChapterId, string> = {
  talk: '<path d="M4 5h16a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H11l-5 4v-4H4a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2z"/>',
  chances:
    '<rect x="3" y="3" width="18" height="18" rx="4"/><circle cx="8" cy="8" r="1.8" fill="#fff"/><circle cx="12" cy="12" r="1.8" fill="#fff"/><circle cx="16" cy="16" r="1.8" fill="#fff"/>',
  model:
    '<circle cx="12" cy="12" r="9"/><path d="M12 12 L17 6" stroke="#fff" stroke-width="2.5" stroke-linecap="round"/>',
  meaning:
    '<path d="M12 2a7 7 0 0 1 7 7c0 5-7 13-7 13S5 14 5 9a7 7 0 0 1 7-7z"/><circle cx="12" cy="9" r="2.5" fill="#fff"/>',
  limits:
    '<rect x="2" y="4" width="9" height="5"/><rect x="13" y="4" width="9" height="5"/><rect x="6" y="11" width="12" height="5"/><rect x="2" y="18" width="9" height="4"/><rect x="13" y="18" width="9" height="4"/>',
  yours: '<path d="M12 21s-8-5.2-8-11a4.5 4.5 0 0 1 8-2.8A4.5 4.5 0 0 1 20 10c0 5.8-8 11-8 11z"/>',
};

export function chapterEmblem(id: ChapterId): HTMLElement {
  const span = document.createElement('span');
  span.className = 'chapter-emblem';
  span.setAttribute('aria-hidden', 'true');
  span.innerHTML = `<svg viewBox="0 0 24 24" width="28" height="28" fill="currentColor">${EMBLEMS[id]}</svg>`;
  return span;
}

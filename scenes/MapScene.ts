import { HtmlScene } from './HtmlScene';
import { SceneKey } from './keys';
import { chapterEmblem } from './chapterEmblems';
import { app } from '../src/app';
import { h, starsElement } from '../src/ui/overlay';
import { updateHook } from '../src/hook';
import { currentLang, t, type Key } from '../src/i18n';
import { chapters, levelById, maxStars, type LevelDef, type LevelId } from '../src/lessons/levels';
import {
  chapterStars,
  resumeLevel,
  stationState,
  totalStars,
  unlockedBy,
  type Progress,
  type StationState,
} from '../src/lessons/progress';

interface Station {
  readonly id: LevelId;
  readonly state: StationState;
  readonly stars: number;
  readonly button: HTMLButtonElement;
}

/** What a station shows on its disc: a tick when done, a lock when locked, else its number. */
const LOCK_SVG =
  '<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true"><rect x="5" y="11" width="14" height="10" rx="2" fill="currentColor"/><path d="M8 11V8a4 4 0 0 1 8 0v3" fill="none" stroke="currentColor" stroke-width="2.5"/></svg>';

/**
 * The level map: the book's parts as regions, one after the other (a journey that scrolls on a
 * small screen), each with its own colour, pattern and emblem, and its stations in order. Every
 * station is a real button (≥ 56 px), arrow keys walk the whole path, and the card below says
 * what the chosen level is and how to open it.
 */
export class MapScene extends HtmlScene {
  private stations: Station[] = [];
  private selected: LevelId = 'one-word';
  private card!: HTMLElement;

  constructor() {
    super(SceneKey.Map);
  }

  protected build(): void {
    const progress = app().progress();
    this.selected = resumeLevel(progress, app().lastLevelId());
    this.stations = [];

    const title = this.ui.text(h('h1', { class: 'map-title' }), 'common:app.name');
    const total = h('p', { class: 'map-total', 'data-testid': 'total-stars' });
    this.ui.text(total, 'common:map.stars', { count: totalStars(progress), total: maxStars() });
    const settings = this.ui.button('common:nav.settings', () => app().navigate({ name: 'settings' }), {
      class: 'btn btn-icon',
      icon: '⚙',
      testId: 'open-settings',
    });
    const credits = this.ui.button('common:nav.credits', () => app().navigate({ name: 'credits' }), {
      class: 'btn btn-icon',
      icon: '♥',
      testId: 'open-credits',
    });

    const area = h('nav', { class: 'map-area', 'data-testid': 'map' });
    this.ui.attr(area, 'aria-label', 'common:map.title');
    let n = 0;
    chapters().forEach((chapter, c) => {
      const stars = chapterStars(chapter.levels, progress);
      const heading = h('h2', { class: 'chapter-title', id: `chapter-${chapter.id}` });
      heading.append(
        chapterEmblem(chapter.id),
        this.ui.text(h('span', { class: 'chapter-name' }), `common:map.chapter.${chapter.id}`),
        stars.total > 0
          ? h('span', { class: 'chapter-stars', 'aria-hidden': 'true' }, `★ ${stars.count}/${stars.total}`)
          : this.ui.text(
              h('span', { class: 'chapter-stars', 'aria-hidden': 'true' }),
              'common:map.state.soon',
            ),
      );
      this.ui.attr(
        heading,
        'aria-label',
        stars.total > 0 ? 'common:map.chapterLabel' : 'common:map.chapterSoonLabel',
        () => ({
          n: c + 1,
          title: t(`common:map.chapter.${chapter.id}`),
          ...stars,
        }),
      );
      const list = h('ol', { class: 'stations' });
      for (const level of chapter.levels) list.append(this.station(level, (n += 1), progress));
      area.append(
        h(
          'section',
          {
            class: `chapter chapter-${chapter.id}`,
            'data-testid': `chapter-${chapter.id}`,
            'aria-labelledby': heading.id,
          },
          heading,
          list,
        ),
      );
    });
    this.card = h('section', {
      class: 'card level-card',
      'aria-live': 'polite',
      'data-testid': 'level-card',
    });

    this.ui.el.append(
      this.ui.topBar({ title: h('div', { class: 'title-block' }, title, total), extra: [settings, credits] }),
      area,
      this.card,
    );
    this.ui.onRetranslate(() => this.renderCard());
    this.select(this.selected, false);
    // Keyboard players start on the station where they left off.
    const current = this.stationFor(this.selected)?.button;
    current?.focus({ preventScroll: true });
    current?.scrollIntoView({ block: 'nearest' });
  }

  private station(level: LevelDef, n: number, progress: Progress): HTMLElement {
    const state = stationState(level.id, progress);
    const stars = progress.get(level.id)?.stars ?? 0;
    const button = h('button', {
      type: 'button',
      class: `station station-${state}`,
      'data-testid': `station-${level.id}`,
      'data-state': state,
      'data-stars': stars,
    });
    if (state === 'done') button.append(h('span', { 'aria-hidden': 'true' }, '✓'));
    else if (state === 'locked') button.innerHTML = LOCK_SVG;
    else button.append(h('span', { 'aria-hidden': 'true' }, String(n)));
    this.ui.attr(button, 'aria-label', 'common:map.station', () => ({
      n,
      title: t(`levels:${level.id}.title`),
      state: t(`common:map.state.${state}`, { stars }),
    }));
    const index = this.stations.length;
    this.ui.listen(button, 'click', () => {
      this.select(level.id, true);
      // Choosing a station moves on to its Play button, so Enter, Enter starts a level.
      (this.card.querySelector('[data-testid="play"]') as HTMLElement | null)?.focus();
    });
    this.ui.listen(button, 'keydown', (e) => this.onStationKey(e, index));
    this.stations.push({ id: level.id, state, stars, button });
    const label = this.ui.text(
      h('span', { class: 'station-label', 'aria-hidden': 'true' }),
      `levels:${level.id}.title`,
    );
    const starRow =
      state === 'done'
        ? h(
            'span',
            { class: 'station-stars', 'aria-hidden': 'true' },
            '★'.repeat(stars) + '☆'.repeat(3 - stars),
          )
        : h('span', { class: 'station-stars', 'aria-hidden': 'true' });
    return h('li', { class: 'station-item' }, button, starRow, label);
  }

  private stationFor(id: LevelId): Station | undefined {
    return this.stations.find((s) => s.id === id);
  }

  private onStationKey(e: KeyboardEvent, index: number): void {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key];
    const to = e.key === 'Home' ? 0 : e.key === 'End' ? this.stations.length - 1 : step ? index + step : null;
    if (to === null) return;
    e.preventDefault();
    const next = this.stations[Math.max(0, Math.min(this.stations.length - 1, to))];
    if (next) {
      next.button.focus();
      this.select(next.id, false);
    }
  }

  private select(id: LevelId, fromTap: boolean): void {
    this.selected = id;
    if (fromTap) app().sound.play('tap');
    for (const s of this.stations) s.button.setAttribute('aria-current', s.id === id ? 'true' : 'false');
    this.renderCard();
    this.publish();
    // A level that asks the model: the model starts loading now, so it is ready when the level opens.
    const station = this.stationFor(id);
    if (levelById(id).needsModel && (station?.state === 'open' || station?.state === 'done'))
      app()
        .loadModel(currentLang())
        .catch(() => undefined);
  }

  private renderCard(): void {
    const station = this.stationFor(this.selected);
    if (!station) return;
    const level = levelById(station.id);
    const parts: HTMLElement[] = [
      h(
        'div',
        { class: 'card-head' },
        h('h2', {}, t(`levels:${level.id}.title`)),
        starsElement(station.stars, this.ui),
      ),
      h('p', { class: 'goal' }, t(`levels:${level.id}.goal`)),
    ];
    if (level.needsModel) parts.push(h('p', { class: 'note' }, t('common:map.needsModel')));
    const hint = (key: Key, params?: Record<string, string>): HTMLElement =>
      h('p', { class: 'hint', 'data-testid': 'card-hint' }, t(key, params));
    if (station.state === 'locked') {
      const before = unlockedBy(station.id);
      parts.push(hint('common:map.lockedHint', { title: before ? t(`levels:${before}.title`) : '' }));
    } else if (station.state === 'soon') {
      parts.push(hint('common:map.soonHint'));
    } else {
      parts.push(h('p', { class: 'rule' }, t(`levels:${level.id}.stars`)));
      const play = h('button', { type: 'button', class: 'btn btn-primary btn-play', 'data-testid': 'play' });
      play.textContent = t(station.state === 'done' ? 'common:map.playAgain' : 'common:map.play');
      play.addEventListener('click', () => app().navigate({ name: 'play', levelId: station.id }));
      parts.push(play);
    }
    this.card.replaceChildren(...parts);
  }

  private publish(): void {
    updateHook({
      level: null,
      view: {
        selected: this.selected,
        stations: this.stations.map((s) => ({ id: s.id, state: s.state, stars: s.stars })),
        chapters: chapters().map((c) => ({ id: c.id, levels: c.levels.map((l) => l.id) })),
      },
    });
  }
}

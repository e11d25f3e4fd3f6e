import Phaser from 'phaser';
import { BaseScene } from './BaseScene';
import { Colors, SceneKey } from './keys';
import { mapLayout, type MapLayout } from './mapLayout';
import { app } from '../src/app';
import { h, starsElement } from '../src/ui/overlay';
import { updateHook } from '../src/hook';
import { t, type Key } from '../src/i18n';
import { LEVELS, levelById, type LevelId } from '../src/lessons/levels';
import {
  resumeLevel,
  stationState,
  totalStars,
  unlockedBy,
  type StationState,
} from '../src/lessons/progress';
import { drawStar, drawLock, drawCheck } from './draw';

interface Station {
  readonly id: LevelId;
  readonly state: StationState;
  readonly stars: number;
  readonly button: HTMLButtonElement;
  readonly label: HTMLElement;
}

/** The level map: a path of stations, one per level, each locked, open or done with its stars. */
export class MapScene extends BaseScene {
  private stations: Station[] = [];
  private selected: LevelId = 'one-word';
  private graphics!: Phaser.GameObjects.Graphics;
  private numbers: Phaser.GameObjects.Text[] = [];
  private area!: HTMLElement;
  private card!: HTMLElement;
  private pulse: Phaser.Tweens.Tween | null = null;
  private ring!: Phaser.GameObjects.Graphics;
  private layoutNow: MapLayout | null = null;

  constructor() {
    super(SceneKey.Map);
  }

  protected build(): void {
    const progress = app().progress();
    this.selected = resumeLevel(progress, app().lastLevelId());
    this.graphics = this.add.graphics();
    this.ring = this.add.graphics();

    const title = h('h1', { class: 'map-title' });
    this.ui.text(title, 'common:app.name');
    const total = h('p', { class: 'map-total', 'data-testid': 'total-stars' });
    this.ui.text(total, 'common:map.stars', { count: totalStars(progress), total: LEVELS.length * 3 });
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

    this.area = h('nav', { class: 'map-area', 'data-testid': 'map' });
    this.ui.attr(this.area, 'aria-label', 'common:map.title');
    const list = h('ol', { class: 'stations' });
    this.area.append(list);
    this.card = h('section', {
      class: 'card level-card',
      'aria-live': 'polite',
      'data-testid': 'level-card',
    });

    this.stations = LEVELS.map((level, i) => {
      const state = stationState(level.id, progress);
      const stars = progress.get(level.id)?.stars ?? 0;
      const button = h('button', {
        type: 'button',
        class: `station station-${state}`,
        'data-testid': `station-${level.id}`,
        'data-state': state,
        'data-stars': stars,
      });
      this.ui.attr(button, 'aria-label', 'common:map.station', () => ({
        n: i + 1,
        title: t(`levels:${level.i18nKey}.title`),
        state: t(`common:map.state.${state}`, { stars }),
      }));
      this.ui.listen(button, 'click', () => {
        this.select(level.id, true);
        // Choosing a station moves on to its Play button, so Enter, Enter starts a level.
        (this.card.querySelector('[data-testid="play"]') as HTMLElement | null)?.focus();
      });
      this.ui.listen(button, 'keydown', (e) => this.onStationKey(e, i));
      const label = h('span', { class: 'station-label', 'aria-hidden': 'true' });
      this.ui.text(label, `levels:${level.i18nKey}.title`);
      list.append(h('li', {}, button, label));
      return { id: level.id, state, stars, button, label };
    });

    this.ui.el.append(
      this.ui.topBar({ title: h('div', { class: 'title-block' }, title, total), extra: [settings, credits] }),
      this.area,
      this.card,
    );
    this.ui.onRetranslate(() => this.renderCard());
    this.select(this.selected, false);
    // Keyboard players start on the station where they left off.
    this.stationFor(this.selected)?.button.focus({ preventScroll: true });
  }

  private stationFor(id: LevelId): Station | undefined {
    return this.stations.find((s) => s.id === id);
  }

  private onStationKey(e: KeyboardEvent, index: number): void {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key];
    if (!step) return;
    e.preventDefault();
    const next = this.stations[Math.max(0, Math.min(this.stations.length - 1, index + step))];
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
    this.drawSelection();
    this.publish();
  }

  private renderCard(): void {
    const station = this.stationFor(this.selected);
    if (!station) return;
    const level = levelById(station.id);
    const title = h('h2', {}, t(`levels:${level.i18nKey}.title`));
    const goal = h('p', { class: 'goal' }, t(`levels:${level.i18nKey}.goal`));
    const rule = h('p', { class: 'rule' }, t(`levels:${level.i18nKey}.stars`));
    const parts: HTMLElement[] = [
      h('div', { class: 'card-head' }, title, starsElement(station.stars, this.ui)),
      goal,
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
      parts.push(rule);
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
      },
    });
  }

  protected layout(): void {
    const area = this.rectOf(this.area);
    const layout = mapLayout(this.stations.length, area);
    this.layoutNow = layout;
    const g = this.graphics;
    g.clear();
    for (const n of this.numbers) n.destroy();
    this.numbers = [];

    // Soft hills behind the trail.
    const { width, height } = this.scale;
    g.fillStyle(Colors.hill, 1);
    g.fillEllipse(width * 0.2, height * 1.02, width * 0.9, height * 0.5);
    g.fillEllipse(width * 0.85, height * 1.05, width * 0.8, height * 0.45);

    // The trail: dots from station to station.
    g.fillStyle(Colors.ink, 0.35);
    layout.points.forEach((p, i) => {
      const q = layout.points[i + 1];
      if (!q) return;
      const dist = Phaser.Math.Distance.Between(p.x, p.y, q.x, q.y);
      const dots = Math.floor(dist / 14);
      for (let k = 1; k < dots; k++)
        g.fillCircle(p.x + ((q.x - p.x) * k) / dots, p.y + ((q.y - p.y) * k) / dots, 3);
    });

    const r = layout.radius;
    this.stations.forEach((s, i) => {
      const p = layout.points[i];
      if (!p) return;
      const fill = { done: Colors.blue, open: Colors.orange, locked: Colors.grey, soon: Colors.white }[
        s.state
      ];
      g.fillStyle(fill, 1);
      g.fillCircle(p.x, p.y, r);
      g.lineStyle(4, Colors.ink, 1);
      g.strokeCircle(p.x, p.y, r);
      if (s.state === 'done') drawCheck(g, p.x, p.y, r * 0.5, Colors.white);
      else if (s.state === 'locked') drawLock(g, p.x, p.y, r * 0.45, Colors.ink);
      else {
        const num = this.add
          .text(p.x, p.y, String(i + 1), {
            fontFamily: 'system-ui, sans-serif',
            resolution: window.devicePixelRatio || 1,
            fontSize: `${Math.round(r * 0.9)}px`,
            fontStyle: 'bold',
            color: s.state === 'soon' ? '#5b6875' : '#1b2a3a',
          })
          .setOrigin(0.5);
        this.numbers.push(num);
      }
      for (let k = 0; k < 3; k++) {
        if (s.state !== 'done') break;
        drawStar(
          g,
          p.x + (k - 1) * r * 0.62,
          p.y + r + 12,
          r * 0.26,
          k < s.stars ? Colors.yellow : Colors.white,
        );
      }
      // The HTML button sits exactly over the drawn station (and is at least 48 px for touch).
      const size = Math.max(56, r * 2 + 8);
      Object.assign(s.button.style, {
        left: `${p.x - area.x - size / 2}px`,
        top: `${p.y - area.y - size / 2}px`,
        width: `${size}px`,
        height: `${size}px`,
      });
      Object.assign(s.label.style, {
        left: `${p.x - area.x - layout.cellWidth / 2 + 4}px`,
        top: `${p.y - area.y + r + (s.state === 'done' ? 24 : 10)}px`,
        width: `${layout.cellWidth - 8}px`,
      });
    });
    this.drawSelection();
  }

  private drawSelection(): void {
    const layout = this.layoutNow;
    const i = this.stations.findIndex((s) => s.id === this.selected);
    const p = layout?.points[i];
    this.ring.clear();
    this.pulse?.stop();
    this.pulse = null;
    if (!layout || !p) return;
    this.ring.setPosition(p.x, p.y).setScale(1);
    this.ring.lineStyle(5, Colors.blue, 1);
    this.ring.strokeCircle(0, 0, layout.radius + 9);
    if (this.motion(1) > 0) {
      this.pulse = this.tweens.add({
        targets: this.ring,
        scale: 1.08,
        yoyo: true,
        repeat: -1,
        duration: 700,
      });
    }
  }

  protected override shutdown(): void {
    this.pulse = null;
    this.numbers = [];
  }
}

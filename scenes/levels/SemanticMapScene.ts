import type Phaser from 'phaser';
import { LevelScene } from './LevelScene';
import { Colors, FONT_STACK } from '../keys';
import { labBody, labPicture } from '../lab';
import { actionButton, submitForm, textInput, wordTile } from '../widgets';
import { app } from '../../src/app';
import { h } from '../../src/ui/overlay';
import { currentLang, t, type Key } from '../../src/i18n';
import * as lesson from '../../src/lessons/semanticMap';
import { GROUPS, type Group } from '../../src/lessons/semanticMapWords';
import type { GloveMapData, ModelMapData, PickResult, SemanticState } from '../../src/lessons/semanticMap';

type Which = 'big' | 'ours';
type Point = { x: number; y: number };
type Say = (() => string) | null;
/** Every word's label drawn once: where each one is in the atlas (device px). */
type Atlas = {
  readonly key: string;
  readonly canvas: HTMLCanvasElement;
  readonly rects: readonly { x: number; y: number; w: number; h: number }[];
};

/** Okabe–Ito colours and a shape per group: a group is never told by colour alone. */
const PALETTE = [Colors.blue, Colors.orange, Colors.green, Colors.sky, 0xcc79a7, 0xd55e00, Colors.ink];
const SHAPES = ['circle', 'square', 'triangle', 'diamond'] as const;
const groupLook = (g: Group) => {
  const i = GROUPS.indexOf(g);
  return {
    color: PALETTE[i % PALETTE.length] as number,
    shape: SHAPES[i % SHAPES.length] as (typeof SHAPES)[number],
  };
};

/** A tap this near a word (CSS px) goes to that word; a press this near the walker drags it. */
const TAP_RADIUS = 26;
const GRAB_RADIUS = 30;
const MAX_ZOOM = 12;

/** Level "semantic-map": walk the map of meanings (GloVe 50-D words laid out flat), and our tiny model's map. */
export class SemanticMapScene extends LevelScene {
  private map: lesson.SemanticMap | null = null;
  private ours: ModelMapData | null = null;
  private state: SemanticState | null = null;
  private me: Point = { x: 0.5, y: 0.5 };
  private view = { cx: 0.5, cy: 0.5, zoom: 1 };
  private which: Which = 'big';
  /** The token tapped on our model's map. */
  private oursFocus: number | null = null;
  /** The messages, as the player's language says them (a language switch says them again). */
  private message: Say = null;
  private goMessage: Say = null;
  private pathError: Say = null;
  private walking: Phaser.Tweens.Tween | null = null;
  private pointers = new Map<number, Point>();
  private gesture: {
    kind: 'none' | 'tap' | 'pan' | 'drag' | 'pinch';
    from: Point;
    moved: number;
    dist: number;
  } = {
    kind: 'none',
    from: { x: 0, y: 0 },
    moved: 0,
    dist: 0,
  };
  /** The map's own canvas, inside its box. */
  private canvas: HTMLCanvasElement | null = null;
  private atlas: Atlas | null = null;
  /** The map's box on the page: its inside's corner and size (CSS px). */
  private box = { x: 0, y: 0, w: 0, h: 0 };
  /** Whether the test hook waits for the next drawing (a pan or a zoom publishes once a frame). */
  private publishQueued = false;
  private els!: {
    step: HTMLElement;
    goal: HTMLElement;
    plot: HTMLElement;
    summary: HTMLElement;
    here: HTMLElement;
    pick: HTMLButtonElement;
    honest: HTMLElement;
    honestTitle: HTMLElement;
    honestList: HTMLElement;
    whichBox: HTMLElement;
    pairBox: HTMLElement;
    fruitBox: HTMLElement;
    fruitCount: HTMLElement;
    fruitHint: HTMLElement;
    pathBox: HTMLElement;
    sentences: HTMLElement;
    pathInput: HTMLInputElement;
    pathMessage: HTMLElement;
    mapsBox: HTMLElement;
    mapBig: HTMLButtonElement;
    mapOurs: HTMLButtonElement;
    figure: HTMLElement;
    message: HTMLElement;
    next: HTMLButtonElement;
    finishRow: HTMLElement;
    goInput: HTMLInputElement;
    goMessage: HTMLElement;
    opposites: HTMLElement;
    oppositesList: HTMLElement;
    oppositesOk: HTMLButtonElement;
    loading: HTMLElement;
  };

  constructor() {
    super('semantic-map');
  }

  protected build(): void {
    this.map = null;
    this.ours = null;
    this.state = null;
    this.me = { x: 0.5, y: 0.5 };
    this.view = { cx: 0.5, cy: 0.5, zoom: 1 };
    this.which = 'big';
    this.oursFocus = null;
    this.message = null;
    this.goMessage = null;
    this.pathError = null;
    this.walking = null;
    this.pointers = new Map();
    const ui = this.ui;

    const step = h('p', { class: 'round', 'data-testid': 'step' });
    const goal = h('p', { class: 'instruction', 'data-testid': 'goal', 'aria-live': 'polite' });
    const { box: plot, summary } = labPicture(ui, 'semanticMap:mapLabel', { summaryId: 'map-summary' });
    plot.classList.add('semantic-plot');
    this.canvas = h('canvas', { class: 'semantic-canvas', 'aria-hidden': 'true' });
    plot.append(this.canvas);
    plot.setAttribute('role', 'application');
    plot.tabIndex = 0;
    ui.listen(plot, 'pointerdown', (e) => this.onPointerDown(e));
    ui.listen(plot, 'pointermove', (e) => this.onPointerMove(e));
    ui.listen(plot, 'pointerup', (e) => this.onPointerUp(e));
    ui.listen(plot, 'pointercancel', (e) => this.onPointerUp(e, true));
    ui.listen(plot, 'wheel', (e) => this.onWheel(e));
    const zoomRow = h(
      'div',
      { class: 'level-actions zoom-row' },
      actionButton(ui, 'semanticMap:zoomOut', 'zoom-out', () => this.zoomBy(1 / 1.5)),
      actionButton(ui, 'semanticMap:zoomAll', 'zoom-all', () => this.zoomAll()),
      actionButton(ui, 'semanticMap:zoomIn', 'zoom-in', () => this.zoomBy(1.5)),
    );

    const here = h('p', { class: 'readout', 'data-testid': 'here' });
    const pick = actionButton(ui, 'semanticMap:pickNone', 'pick', () => this.onPickHere(), true);
    const honestTitle = h('h2', { class: 'honest-title' });
    const honestList = h('ol', { class: 'honest-list', 'data-testid': 'honest-list' });
    const honest = h(
      'section',
      { class: 'honest card', 'data-testid': 'honest' },
      honestTitle,
      honestList,
      ui.text(h('p', { class: 'note' }), 'semanticMap:honestNote'),
    );
    const whichBox = h('div', { class: 'tiles', role: 'group', 'data-testid': 'which' });
    ui.attr(whichBox, 'aria-label', 'semanticMap:whichOptions');
    const pairBox = h('div', { class: 'tiles', role: 'group', 'data-testid': 'pairs' });
    ui.attr(pairBox, 'aria-label', 'semanticMap:pairsLabel');
    const fruitCount = h('p', { class: 'readout', 'data-testid': 'fruit-count' });
    const fruitHint = ui.text(
      h('p', { class: 'note', 'data-testid': 'fruit-hint' }),
      'semanticMap:fruitHint',
    );
    const fruitBox = h('div', { class: 'fruit-box' }, fruitCount, fruitHint);

    const sentences = h('div', { class: 'tiles', role: 'group', 'data-testid': 'sentences' });
    ui.attr(sentences, 'aria-label', 'semanticMap:sentencesLabel');
    const pathInput = textInput(ui, {
      testId: 'path-input',
      // Room for twice what is read, so a sentence too long is said so, never cut silently.
      maxlength: 2 * lesson.MAX_SENTENCE,
      label: 'semanticMap:typeLabel',
      placeholder: 'semanticMap:typePlaceholder',
    });
    const pathForm = submitForm(ui, {
      testId: 'path-form',
      input: pathInput,
      go: 'semanticMap:show',
      goId: 'show-path',
      onSubmit: () => this.onPathText(pathInput.value),
    });
    const pathMessage = h('p', { class: 'message', 'data-testid': 'path-message', role: 'status' });
    const mapBig = actionButton(ui, 'semanticMap:mapBig', 'map-big', () => this.showMap('big'));
    const mapOurs = actionButton(ui, 'semanticMap:mapOurs', 'map-ours', () => this.showMap('ours'));
    const mapsRow = h('div', { class: 'level-actions', role: 'group' }, mapBig, mapOurs);
    ui.attr(mapsRow, 'aria-label', 'semanticMap:mapsLabel');
    const figure = h('p', { class: 'note', 'data-testid': 'figure' });
    const mapsBox = h('div', { class: 'maps-box' }, mapsRow, figure);
    const finishRow = h(
      'div',
      { class: 'finish-row' },
      ui.text(h('p', { class: 'note' }), 'semanticMap:finishNote'),
      h(
        'div',
        { class: 'level-actions' },
        this.finishButton(() => void this.finish()),
      ),
    );
    const pathBox = h('div', { class: 'path-box' }, sentences, pathForm, pathMessage);

    const message = h('p', { class: 'message', 'data-testid': 'message', role: 'status' });
    const next = actionButton(ui, 'semanticMap:next', 'next', () => this.onNext(), true);
    const goInput = textInput(ui, {
      testId: 'go-input',
      maxlength: 2 * lesson.MAX_SENTENCE,
      label: 'semanticMap:goLabel',
      placeholder: 'semanticMap:goPlaceholder',
    });
    const goForm = submitForm(ui, {
      testId: 'go-form',
      input: goInput,
      go: 'semanticMap:go',
      goId: 'go',
      onSubmit: () => this.onGo(goInput.value),
    });
    const goMessage = h('p', { class: 'message', 'data-testid': 'go-message', role: 'status' });
    const keyHint = ui.text(h('p', { class: 'note key-hint' }), 'semanticMap:keyHint');

    const oppositesList = h('ul', { class: 'opposites-list', 'data-testid': 'opposites-list' });
    const oppositesOk = actionButton(
      ui,
      'semanticMap:oppositesOk',
      'opposites-ok',
      () => this.onOpposites(),
      true,
    );
    const opposites = h(
      'section',
      { class: 'card opposites', 'data-testid': 'opposites', role: 'region' },
      ui.text(h('h2', {}), 'semanticMap:oppositesTitle'),
      ui.text(h('p', {}), 'semanticMap:oppositesText'),
      oppositesList,
      h('div', { class: 'level-actions' }, oppositesOk),
    );
    ui.attr(opposites, 'aria-label', 'semanticMap:oppositesTitle');

    const body = labBody(
      [goal, plot, zoomRow],
      [
        opposites,
        whichBox,
        pairBox,
        fruitBox,
        pathBox,
        message,
        h('div', { class: 'level-actions next-row' }, next),
        mapsBox,
        finishRow,
        here,
        h('div', { class: 'level-actions' }, pick),
        goForm,
        goMessage,
        honest,
        keyHint,
      ],
    );
    body.classList.add('semantic');
    const loading = ui.text(
      h('p', { class: 'note', 'data-testid': 'loading', role: 'status' }),
      'semanticMap:loading',
    );
    this.els = {
      ...{ step, goal, plot, summary, here, pick, honest, honestTitle, honestList, whichBox, pairBox },
      ...{ fruitBox, fruitCount, fruitHint, pathBox, sentences, pathInput, pathMessage, mapsBox, mapBig },
      ...{ mapOurs, figure, message, next, finishRow, goInput, goMessage, opposites, oppositesList },
      ...{ oppositesOk, loading },
    };
    const start = this.mount({ body, beside: [step], start: 'semanticMap:start', before: [loading] }, () =>
      this.begin(),
    );
    start.disabled = true;
    ui.listen(window, 'keydown', (e) => this.onKey(e));
    ui.onRetranslate(() => this.onLanguage());
    void this.loadData(start);
    this.render();
  }

  /** The canvas draws inside the map's box only: nothing of the map spills over the controls. */
  protected override drawArea(): Element | null {
    return this.els?.plot ?? null;
  }

  private async loadData(start: HTMLButtonElement): Promise<void> {
    try {
      const [glove, ours] = await Promise.all([
        this.fetchData<GloveMapData>('semantic-map', 'glove'),
        this.fetchData<ModelMapData>('semantic-map', `model-${currentLang()}`),
      ]);
      if (glove === null || ours === null) return;
      this.map = new lesson.SemanticMap(glove);
      this.ours = ours;
      this.state = lesson.start(this.map, this.seed);
      this.placeForStep();
      this.els.loading.hidden = true;
      start.disabled = false;
      start.focus();
    } catch (err) {
      console.warn(err);
      if (!this.sys.isActive()) return;
      this.els.loading.textContent = t('semanticMap:loadFailed');
    }
    this.render();
  }

  private get lang(): lesson.MapLang {
    return currentLang() === 'zh' ? 'zh' : 'en';
  }

  /** Labels follow the language (the same places); our model's map is the model of the language, so it loads again. */
  private onLanguage(): void {
    if (this.ours && this.map) {
      const want = `model-${currentLang()}`;
      void this.fetchData<ModelMapData>('semantic-map', want).then((d) => {
        if (d && this.sys.isActive()) {
          this.ours = d;
          this.oursFocus = null;
          this.render();
        }
      });
    }
    this.render();
  }

  private begin(): void {
    if (!this.state) return;
    this.state = lesson.begin(this.state);
    app().sound.play('tap');
    this.render();
    this.els.plot.focus();
  }

  // -------------------------------------------------------------------------------------------
  // Walking and looking.

  /** Where the walker starts a step: beside the step's word, so the child sees where to look. */
  private placeForStep(): void {
    const s = this.state;
    const map = this.map;
    if (!s || !map) return;
    const at = (i: number) => map.words[i] as lesson.MapWord;
    let p: Point = { x: 0.5, y: 0.5 };
    if (s.phase === 'intro' || s.phase === 'closest') p = at(s.closest.target);
    if (s.phase === 'which') p = at(s.which.target);
    if (s.phase === 'book') p = at(s.book.pairs[0]?.[0] as number);
    this.me = { x: p.x, y: p.y };
    this.view = { cx: p.x, cy: p.y, zoom: s.phase === 'fruit' || s.phase === 'path' ? 1 : 4 };
  }

  private reached(): number | null {
    return this.map ? lesson.reached(this.map, this.me) : null;
  }

  private stopWalking(): void {
    this.walking?.stop();
    this.walking = null;
  }

  /** Walks to a place (at once when motion is reduced); `then` runs on arrival. */
  private walkTo(to: Point, then?: () => void): void {
    this.stopWalking();
    const from = { ...this.me };
    const d = Math.hypot(to.x - from.x, to.y - from.y);
    const ms = this.motion(Math.min(700, 120 + d * 1600));
    if (ms === 0) {
      this.me = { ...to };
      this.follow();
      this.render();
      then?.();
      return;
    }
    this.walking = this.tweens.addCounter({
      from: 0,
      to: 1,
      duration: ms,
      ease: 'Sine.easeInOut',
      onUpdate: (tw) => {
        const f = tw.getValue() ?? 0;
        this.me = { x: from.x + (to.x - from.x) * f, y: from.y + (to.y - from.y) * f };
        this.follow();
        this.renderLight();
      },
      onComplete: () => {
        this.walking = null;
        this.me = { ...to };
        this.render();
        then?.();
      },
    });
  }

  /** The view keeps the walker inside its middle part. */
  private follow(): void {
    const half = 0.5 / this.view.zoom;
    const margin = half * 0.6;
    const v = this.view;
    if (this.me.x < v.cx - margin) v.cx = this.me.x + margin;
    if (this.me.x > v.cx + margin) v.cx = this.me.x - margin;
    if (this.me.y < v.cy - margin) v.cy = this.me.y + margin;
    if (this.me.y > v.cy + margin) v.cy = this.me.y - margin;
    this.clampView();
  }

  private clampView(): void {
    const v = this.view;
    v.zoom = Math.min(MAX_ZOOM, Math.max(1, v.zoom));
    v.cx = Math.min(1, Math.max(0, v.cx));
    v.cy = Math.min(1, Math.max(0, v.cy));
  }

  private zoomBy(f: number, around?: Point): void {
    const v = this.view;
    const before = v.zoom;
    v.zoom = Math.min(MAX_ZOOM, Math.max(1, v.zoom * f));
    if (around) {
      // The map point under the finger stays under it.
      const k = 1 - before / v.zoom;
      v.cx += (around.x - v.cx) * k;
      v.cy += (around.y - v.cy) * k;
    }
    this.clampView();
    this.renderView();
  }

  private zoomAll(): void {
    this.view = { cx: 0.5, cy: 0.5, zoom: 1 };
    this.render();
  }

  /** The view's transform: map units to px of the map's box and back. */
  private frame(): {
    area: { x: number; y: number; width: number; height: number; right: number; bottom: number };
    scale: number;
    toScreen: (p: Point) => Point;
    toMap: (p: Point) => Point;
  } {
    const { w, h } = this.box;
    const area = { x: 0, y: 0, width: w, height: h, right: w, bottom: h };
    const pad = 28;
    const scale = Math.max(1, Math.min(w - 2 * pad, h - 2 * pad)) * this.view.zoom;
    const mx = w / 2;
    const my = h / 2;
    return {
      area,
      scale,
      toScreen: (p) => ({ x: mx + (p.x - this.view.cx) * scale, y: my + (p.y - this.view.cy) * scale }),
      toMap: (p) => ({ x: this.view.cx + (p.x - mx) / scale, y: this.view.cy + (p.y - my) / scale }),
    };
  }

  /** Where the inside of the map's box starts on the page (CSS px), as last drawn. */
  private origin(): Point {
    return { x: this.box.x, y: this.box.y };
  }

  /** Measures the map's box (once a frame, when drawing: never in the middle of an input event). */
  private measure(): void {
    const plot = this.els.plot;
    const r = plot.getBoundingClientRect();
    this.box = {
      x: r.left + plot.clientLeft,
      y: r.top + plot.clientTop,
      w: plot.clientWidth,
      h: plot.clientHeight,
    };
  }

  /** A pointer event's place in the map's box. */
  private local(e: PointerEvent | WheelEvent): Point {
    const o = this.origin();
    return { x: e.clientX - o.x, y: e.clientY - o.y };
  }

  private points(): readonly Point[] {
    if (this.which === 'ours' && this.ours) {
      const xy = this.ours.xy;
      return this.ours.tokens.map((_, i) => ({ x: xy[2 * i] as number, y: xy[2 * i + 1] as number }));
    }
    return this.map?.words ?? [];
  }

  /** The word (or token) drawn nearest to a canvas place, within the tap radius. */
  private wordAt(p: Point): number | null {
    const f = this.frame();
    let best: number | null = null;
    let bd = TAP_RADIUS;
    this.points().forEach((w, i) => {
      const s = f.toScreen(w);
      const d = Math.hypot(s.x - p.x, s.y - p.y);
      if (d < bd) {
        bd = d;
        best = i;
      }
    });
    return best;
  }

  private onPointerDown(e: PointerEvent): void {
    if (!this.map || !this.playing) return;
    this.els.plot.setPointerCapture?.(e.pointerId);
    const p = this.local(e);
    this.pointers.set(e.pointerId, p);
    if (this.pointers.size === 2) {
      const [a, b] = [...this.pointers.values()] as [Point, Point];
      this.gesture = { kind: 'pinch', from: p, moved: 0, dist: Math.hypot(a.x - b.x, a.y - b.y) };
      return;
    }
    const f = this.frame();
    const me = f.toScreen(this.me);
    const onMe = this.which === 'big' && Math.hypot(me.x - p.x, me.y - p.y) <= GRAB_RADIUS;
    if (onMe) this.stopWalking();
    this.gesture = { kind: onMe ? 'drag' : 'tap', from: p, moved: 0, dist: 0 };
  }

  private onPointerMove(e: PointerEvent): void {
    const last = this.pointers.get(e.pointerId);
    if (!last || !this.map) return;
    const p = this.local(e);
    this.pointers.set(e.pointerId, p);
    const g = this.gesture;
    const f = this.frame();
    g.moved += Math.hypot(p.x - last.x, p.y - last.y);
    if (g.kind === 'pinch' && this.pointers.size === 2) {
      const [a, b] = [...this.pointers.values()] as [Point, Point];
      const dist = Math.hypot(a.x - b.x, a.y - b.y);
      if (g.dist > 0) this.zoomBy(dist / g.dist, f.toMap({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }));
      g.dist = dist;
      return;
    }
    if (g.kind === 'drag') {
      const m = f.toMap(p);
      this.me = { x: lesson.clamp01(m.x), y: lesson.clamp01(m.y) };
      this.renderLight();
      return;
    }
    if (g.kind === 'tap' && g.moved > 8) g.kind = 'pan';
    if (g.kind === 'pan') {
      this.view.cx -= (p.x - last.x) / f.scale;
      this.view.cy -= (p.y - last.y) / f.scale;
      this.clampView();
      this.renderView();
    }
  }

  private onPointerUp(e: PointerEvent, cancelled = false): void {
    if (!this.pointers.delete(e.pointerId)) return;
    const g = this.gesture;
    if (this.pointers.size > 0) return;
    this.gesture = { kind: 'none', from: { x: 0, y: 0 }, moved: 0, dist: 0 };
    if (cancelled) return;
    // A press on the walker that did not move is a tap (on the word it stands by, say).
    if (g.kind === 'drag' && g.moved < 8) this.onTap(this.local(e));
    else if (g.kind === 'drag') this.render();
    else if (g.kind === 'pan') this.render();
    else if (g.kind === 'tap') this.onTap(this.local(e));
  }

  private onWheel(e: WheelEvent): void {
    if (!this.map || !this.playing) return;
    e.preventDefault();
    this.zoomBy(e.deltaY < 0 ? 1.2 : 1 / 1.2, this.frame().toMap(this.local(e)));
  }

  /** Tap-to-go: on a word, walk there and pick it; elsewhere, walk there. */
  private onTap(p: Point): void {
    const word = this.wordAt(p);
    if (this.which === 'ours') {
      this.oursFocus = word;
      this.render();
      return;
    }
    const map = this.map;
    if (!map) return;
    if (word === null) {
      const m = this.frame().toMap(p);
      this.walkTo({ x: lesson.clamp01(m.x), y: lesson.clamp01(m.y) });
      return;
    }
    const w = map.words[word] as lesson.MapWord;
    this.walkTo({ x: w.x, y: w.y }, () => this.pick(word));
  }

  private onKey(e: KeyboardEvent): void {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || document.querySelector('dialog[open]'))
      return;
    if (!this.map || !this.state || !this.playing) return;
    const target = e.target as HTMLElement | null;
    if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA')) return;
    const dirs: Record<string, 'left' | 'right' | 'up' | 'down'> = {
      ArrowLeft: 'left',
      ArrowRight: 'right',
      ArrowUp: 'up',
      ArrowDown: 'down',
    };
    const dir = dirs[e.key];
    if (dir && this.which === 'big') {
      e.preventDefault();
      this.stopWalking();
      this.me = lesson.walk(this.me, dir, lesson.STEP / Math.sqrt(this.view.zoom));
      this.follow();
      this.render();
      return;
    }
    if (e.key === '+' || e.key === '=') {
      e.preventDefault();
      this.zoomBy(1.5, this.which === 'big' ? this.me : undefined);
    } else if (e.key === '-' || e.key === '_') {
      e.preventDefault();
      this.zoomBy(1 / 1.5, this.which === 'big' ? this.me : undefined);
    } else if ((e.key === 'Enter' || e.key === ' ') && target === this.els.plot) {
      e.preventDefault();
      this.onPickHere();
    }
  }

  private onGo(text: string): void {
    const map = this.map;
    if (!map) return;
    const r = lesson.goTo(map, text);
    if (r.kind !== 'ok') {
      this.goMessage =
        r.kind === 'empty'
          ? () => t('semanticMap:goEmpty')
          : () => t('semanticMap:goUnknown', { word: r.text });
      app().sound.play('try');
      this.render();
      return;
    }
    this.goMessage = null;
    if (this.which === 'ours') {
      const i = this.ours?.word.indexOf(r.word) ?? -1;
      this.oursFocus = i >= 0 ? i : null;
      if (i < 0) this.goMessage = () => t('semanticMap:oursNoToken', { word: map.label(r.word, this.lang) });
      this.render();
      return;
    }
    const w = map.words[r.word] as lesson.MapWord;
    if (this.view.zoom < 4) this.view.zoom = 4;
    this.walkTo({ x: w.x, y: w.y });
  }

  private onPickHere(): void {
    const word = this.reached();
    if (word !== null) this.pick(word);
  }

  // -------------------------------------------------------------------------------------------
  // The challenges.

  private sim(x: number): string {
    return x.toLocaleString(this.lang === 'zh' ? 'zh-CN' : 'en', {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
  }

  private word(i: number): string {
    return this.map?.label(i, this.lang) ?? '';
  }

  private pick(word: number): void {
    const s = this.state;
    const map = this.map;
    if (!s || !map) return;
    if (s.phase === 'closest' && word === s.closest.target) {
      this.message = () => t('semanticMap:closestSame', { word: this.word(word) });
      this.render();
      return;
    }
    const { state, result } = lesson.pickWord(s, word);
    this.state = state;
    this.feedback(word, result);
  }

  private feedback(word: number, result: PickResult): void {
    const s = this.state;
    const map = this.map;
    if (!s || !map || result.kind === 'none') {
      this.render();
      return;
    }
    if (s.phase === 'closest') {
      const x = s.closest.target;
      const sim = map.sim(x, word);
      this.message = () =>
        t(result.kind === 'right' ? 'semanticMap:closestRight' : 'semanticMap:closestWrong', {
          pick: this.word(word),
          word: this.word(x),
          sim: this.sim(sim),
        });
    } else if (s.phase === 'which') {
      const x = s.which.target;
      const other = s.which.options.find((o) => o !== word) as number;
      this.message = () =>
        t(result.kind === 'right' ? 'semanticMap:whichRight' : 'semanticMap:whichWrong', {
          pick: this.word(word),
          word: this.word(x),
          sim: this.sim(map.sim(x, word)),
          other: this.word(other),
          otherSim: this.sim(map.sim(x, other)),
        });
    } else if (s.phase === 'fruit') {
      const key: Key =
        result.kind === 'found'
          ? 'semanticMap:fruitFound'
          : result.kind === 'again'
            ? 'semanticMap:fruitAgain'
            : 'semanticMap:fruitNot';
      this.message = () => t(key, { pick: this.word(word) });
      if (lesson.stepDone(s)) this.message = () => this.fruitDoneText();
    }
    const good = result.kind === 'right' || result.kind === 'found';
    app().sound.play(good ? 'good' : 'try');
    this.render();
    if (lesson.stepDone(s)) this.els.next.focus();
    else if (s.phase === 'which' && s.which.solved) this.els.oppositesOk.focus();
  }

  private fruitDoneText(): string {
    const s = this.state;
    const map = this.map;
    if (!s || !map) return '';
    const report = lesson.fruitReport(map, s.fruit.fruits);
    const of = (en: string) => report.find((r) => map.words[r.fruit]?.en === en);
    const orange = of('orange');
    const apple = of('apple');
    return t('semanticMap:fruitDone', {
      all: s.fruit.fruits.length,
      orange: this.word(map.index('orange')),
      orangeNear: orange ? this.word(orange.nearestWord.index) : '',
      orangeSim: orange ? this.sim(orange.nearestWord.sim) : '',
      apple: this.word(map.index('apple')),
      appleNear: apple ? this.word(apple.nearestWord.index) : '',
      appleSim: apple ? this.sim(apple.nearestWord.sim) : '',
    });
  }

  private onWhich(option: number): void {
    const s = this.state;
    if (!s) return;
    const { state, result } = lesson.pickWhich(s, option);
    this.state = state;
    const w = this.map?.words[option];
    if (w && result.kind !== 'none') this.walkTo({ x: w.x, y: w.y });
    this.feedback(option, result);
  }

  private onPair(pair: 0 | 1): void {
    const s = this.state;
    const map = this.map;
    if (!s || !map) return;
    const { state, result } = lesson.pickPair(s, pair);
    this.state = state;
    if (result.kind === 'none') return;
    const [a, b] = state.book.pairs[pair] as readonly [number, number];
    const [c, d] = state.book.pairs[pair === 0 ? 1 : 0] as readonly [number, number];
    const params = () => ({
      a: this.word(a),
      b: this.word(b),
      c: this.word(c),
      d: this.word(d),
      sim: this.sim(map.sim(a, b)),
      sim2: this.sim(map.sim(c, d)),
    });
    this.message = () =>
      t(result.kind === 'right' ? 'semanticMap:bookRight' : 'semanticMap:bookWrong', params());
    const w = map.words[a] as lesson.MapWord;
    this.walkTo({ x: w.x, y: w.y });
    app().sound.play(result.kind === 'right' ? 'good' : 'try');
    this.render();
    if (result.kind === 'right') this.els.next.focus();
  }

  private onOpposites(): void {
    if (!this.state) return;
    this.state = lesson.seeOpposites(this.state);
    this.render();
    this.els.next.focus();
  }

  private onNext(): void {
    const before = this.state;
    if (!before) return;
    this.state = lesson.advance(before);
    if (this.state === before) return;
    this.message = null;
    this.goMessage = null;
    this.els.goInput.value = '';
    this.stopWalking();
    this.placeForStep();
    app().sound.play('tap');
    this.render();
    const first = (box: HTMLElement) => box.querySelector('button');
    const focus =
      this.state.phase === 'book'
        ? first(this.els.pairBox)
        : this.state.phase === 'path'
          ? first(this.els.sentences)
          : this.state.phase === 'which'
            ? first(this.els.whichBox)
            : this.els.plot;
    focus?.focus();
  }

  private onSentence(id: lesson.SentenceId): void {
    this.els.pathInput.value = t(`semanticMap:sentence.${id}`);
    this.onPathText(this.els.pathInput.value);
  }

  private onPathText(text: string): void {
    const s = this.state;
    const map = this.map;
    if (!s || !map) return;
    const r = lesson.sentencePath(map, text, this.lang);
    if (r.kind !== 'ok') {
      // Nothing is lost: the path shown before stays, and so does what was typed.
      this.pathError =
        r.kind === 'empty'
          ? () => t('semanticMap:pathEmpty')
          : r.kind === 'tooLong'
            ? () => t('semanticMap:pathTooLong', { max: lesson.MAX_SENTENCE })
            : () => t('semanticMap:pathNothing');
      app().sound.play('try');
      this.render();
      return;
    }
    this.state = lesson.setPath(s, r.path);
    this.showMap('big', false);
    this.pathError = null;
    // The view takes in the whole path, as close as it can (so its stops can be read on a phone).
    const at = r.path.words.map((i) => map.words[i] as lesson.MapWord);
    const xs = at.map((w) => w.x);
    const ys = at.map((w) => w.y);
    const span = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys), 0.05);
    this.view = {
      cx: (Math.max(...xs) + Math.min(...xs)) / 2,
      cy: (Math.max(...ys) + Math.min(...ys)) / 2,
      zoom: Math.min(MAX_ZOOM, Math.max(1, 0.55 / span)),
    };
    this.clampView();
    const last = map.words[r.path.words[r.path.words.length - 1] as number] as lesson.MapWord;
    this.walkTo({ x: last.x, y: last.y });
    app().sound.play('good');
    this.render();
  }

  private pathText(p: lesson.PathState): string {
    const joiner = this.lang === 'zh' ? ' → ' : ' → ';
    const shown = t('semanticMap:pathShown', { words: p.words.map((w) => this.word(w)).join(joiner) });
    return p.skipped.length > 0
      ? `${shown} ${t('semanticMap:pathSkipped', { words: p.skipped.join(this.lang === 'zh' ? '、' : ', ') })}`
      : shown;
  }

  private showMap(which: Which, draw = true): void {
    this.which = which;
    this.oursFocus = null;
    this.view = { cx: 0.5, cy: 0.5, zoom: 1 };
    if (draw) this.render();
  }

  private async finish(): Promise<void> {
    if (this.state?.phase === 'path' && lesson.stepDone(this.state)) {
      this.state = lesson.advance(this.state);
      this.render();
    }
    if (this.state?.phase === 'done') await this.completeLevel(lesson.stars(this.state));
  }

  // -------------------------------------------------------------------------------------------
  // Rendering.

  private render(): void {
    const e = this.els;
    const s = this.state;
    const map = this.map;
    const phase = s?.phase ?? 'intro';
    this.showIntro(phase === 'intro');
    e.plot.parentElement?.parentElement?.setAttribute('data-phase', phase);
    const stepNo = { intro: 1, closest: 1, which: 2, book: 3, fruit: 4, path: 5, done: 5 }[phase];
    e.step.textContent = t('semanticMap:step', { n: stepNo });
    e.whichBox.hidden = phase !== 'which';
    e.pairBox.hidden = phase !== 'book';
    e.fruitBox.hidden = phase !== 'fruit';
    e.pathBox.hidden = phase !== 'path' && phase !== 'done';
    e.mapsBox.hidden = !(phase === 'path' || phase === 'done') || !s?.path;
    e.finishRow.hidden = !(s && (phase === 'done' || (phase === 'path' && lesson.stepDone(s))));
    const showOpp = phase === 'which' && !!s?.which.solved && !s.oppositesSeen;
    e.opposites.hidden = !showOpp;
    if (!s || !map) {
      e.next.parentElement?.toggleAttribute('hidden', true);
      this.publishState();
      this.redrawSoon();
      return;
    }
    e.next.parentElement?.toggleAttribute('hidden', !lesson.stepDone(s) || phase === 'path');
    e.message.textContent = this.message?.() ?? '';
    e.message.hidden = this.message === null;
    e.goMessage.textContent = this.goMessage?.() ?? '';
    e.goMessage.hidden = this.goMessage === null;
    e.goal.textContent = this.goalText(s);
    if (phase === 'closest' && lesson.closestHint(s))
      e.goal.textContent += ` ${t('semanticMap:closestHint')}`;
    if (phase === 'which') this.renderWhich(s);
    if (phase === 'book') this.renderPairs(s);
    if (phase === 'fruit')
      e.fruitCount.textContent = t('semanticMap:fruitCount', {
        found: s.fruit.found.length,
        all: s.fruit.fruits.length,
      });
    if (phase === 'path' || phase === 'done') this.renderPath();
    if (showOpp)
      e.oppositesList.replaceChildren(
        ...lesson.OPPOSITES.map(([a, b]) =>
          h(
            'li',
            {},
            t('semanticMap:oppositesPair', {
              a: this.word(map.index(a)),
              b: this.word(map.index(b)),
              sim: this.sim(map.sim(map.index(a), map.index(b))),
            }),
          ),
        ),
      );
    this.renderHere();
    this.publishState();
    this.redrawSoon();
  }

  /** Panning and zooming: only the picture (and the test hook's places) change. */
  private renderView(): void {
    this.publishQueued = true;
    this.redrawSoon();
  }

  /** While walking or dragging: the parts that follow the walker, not the whole controls pane. */
  private renderLight(): void {
    this.renderHere();
    this.publishState();
    this.redrawSoon();
  }

  private goalText(s: SemanticState): string {
    switch (s.phase) {
      case 'closest':
        return t('semanticMap:closestGoal', { word: this.word(s.closest.target) });
      case 'which':
        return t('semanticMap:whichGoal', {
          word: this.word(s.which.target),
          a: this.word(s.which.options[0] as number),
          b: this.word(s.which.options[1] as number),
        });
      case 'book':
        return t('semanticMap:bookGoal');
      case 'fruit':
        return t('semanticMap:fruitGoal');
      default:
        return t('semanticMap:pathGoal');
    }
  }

  private renderWhich(s: SemanticState): void {
    const q = s.which;
    this.els.whichBox.replaceChildren(
      ...q.options.map((o, pos) =>
        wordTile({
          pos,
          word: this.word(o),
          data: { pos },
          picked: q.tries.includes(o),
          disabled: q.solved || q.tries.includes(o),
          onPick: () => this.onWhich(o),
        }),
      ),
    );
  }

  private renderPairs(s: SemanticState): void {
    const q = s.book;
    this.els.pairBox.replaceChildren(
      ...q.pairs.map((pair, pos) =>
        wordTile({
          pos,
          word: t('semanticMap:pair', { a: this.word(pair[0]), b: this.word(pair[1]) }),
          data: { pos },
          picked: q.tries.includes(pos as 0 | 1),
          disabled: q.solved || q.tries.includes(pos as 0 | 1),
          onPick: () => this.onPair(pos as 0 | 1),
        }),
      ),
    );
  }

  private renderPath(): void {
    const e = this.els;
    const s = this.state;
    if (e.sentences.childElementCount === 0 || e.sentences.dataset.lang !== this.lang) {
      e.sentences.dataset.lang = this.lang;
      e.sentences.replaceChildren(
        ...lesson.SENTENCES.map((id, pos) =>
          wordTile({
            pos,
            word: t(`semanticMap:sentence.${id}`),
            data: { pos },
            picked: false,
            disabled: false,
            onPick: () => this.onSentence(id),
          }),
        ),
      );
    }
    e.pathMessage.textContent = this.pathError?.() ?? (s?.path ? this.pathText(s.path) : '');
    e.mapBig.setAttribute('aria-pressed', String(this.which === 'big'));
    e.mapOurs.setAttribute('aria-pressed', String(this.which === 'ours'));
    e.mapBig.classList.toggle('btn-primary', this.which === 'big');
    e.mapOurs.classList.toggle('btn-primary', this.which === 'ours');
    const map = this.map;
    const ours = this.ours;
    if (map && ours)
      e.figure.textContent =
        this.which === 'big'
          ? t('semanticMap:figureBig', { kept: Math.round(map.data.kept * 100) })
          : t('semanticMap:figureOurs', {
              count: ours.tokens.length,
              kept: Math.round(ours.kept * 100),
              agree: Math.round(ours.agreeWithGlove * 100),
            });
  }

  /** Where the walker stands, the pick button, and the honest card of the word reached (or tapped on our model's map). */
  private renderHere(): void {
    const e = this.els;
    const map = this.map;
    if (!map) return;
    const lang = this.lang;
    const joiner = lang === 'zh' ? '、' : ', ';
    if (this.which === 'ours' && this.ours) {
      const o = this.ours;
      const f = this.oursFocus;
      e.here.hidden = true;
      e.pick.parentElement?.toggleAttribute('hidden', true);
      e.honest.hidden = f === null;
      if (f !== null) {
        e.honestTitle.textContent = t('semanticMap:oursTitle', { word: o.tokens[f] ?? '' });
        const near = o.near[f] ?? [];
        const items: HTMLElement[] = [];
        for (let j = 0; j + 1 < near.length; j += 2)
          items.push(
            h(
              'li',
              {},
              t('semanticMap:honestItem', {
                word: o.tokens[near[j] as number] ?? '',
                sim: this.sim(near[j + 1] as number),
              }),
            ),
          );
        e.honestList.replaceChildren(...items);
      }
      e.summary.textContent = e.figure.textContent ?? '';
      return;
    }
    e.here.hidden = false;
    e.pick.parentElement?.toggleAttribute('hidden', false);
    const at = this.reached();
    const around = map.around(this.me.x, this.me.y, lesson.REACH * 3).slice(0, 5);
    e.pick.disabled = at === null || this.state?.phase === 'path' || this.state?.phase === 'done';
    e.pick.textContent =
      at === null ? t('semanticMap:pickNone') : t('semanticMap:pick', { word: this.word(at) });
    e.here.textContent =
      at === null
        ? t('semanticMap:mapSummaryNowhere')
        : t('semanticMap:mapSummary', {
            word: this.word(at),
            near: around
              .filter((i) => i !== at)
              .map((i) => this.word(i))
              .join(joiner),
          });
    e.summary.textContent = e.here.textContent;
    e.honest.hidden = at === null;
    if (at !== null && e.honest.dataset.word !== `${at}-${lang}`) {
      e.honest.dataset.word = `${at}-${lang}`;
      e.honestTitle.textContent = t('semanticMap:honestTitle', { word: this.word(at) });
      e.honestList.replaceChildren(
        ...map
          .nearest(at, 5)
          .map((n) =>
            h('li', {}, t('semanticMap:honestItem', { word: this.word(n.index), sim: this.sim(n.sim) })),
          ),
      );
    }
  }

  private publishState(): void {
    const s = this.state;
    const map = this.map;
    if (!s || !map || !this.els) {
      this.publish({ phase: 'intro', loaded: false });
      return;
    }
    const f = this.playing ? this.frame() : null;
    const c = this.origin();
    /** A word's place on the page (CSS px), for the tests' taps; null when off the map's box. */
    const spot = (i: number) => {
      if (!f) return null;
      const p = f.toScreen(map.words[i] as lesson.MapWord);
      const inside = p.x >= f.area.x && p.x <= f.area.right && p.y >= f.area.y && p.y <= f.area.bottom;
      return inside ? { x: Math.round(c.x + p.x), y: Math.round(c.y + p.y) } : null;
    };
    const en = (i: number) => map.words[i]?.en ?? '';
    const at = this.reached();
    this.publish({
      phase: s.phase,
      loaded: true,
      lang: this.lang,
      seed: s.seed,
      which: this.which,
      me: this.me,
      view: this.view,
      walking: this.walking !== null,
      reached: at === null ? null : en(at),
      closest: {
        target: en(s.closest.target),
        answer: en(s.closest.answer),
        tries: s.closest.tries.map(en),
        solved: s.closest.solved,
      },
      whichQ: {
        target: en(s.which.target),
        options: s.which.options.map(en),
        answer: en(s.which.answer),
        tries: s.which.tries.map(en),
        solved: s.which.solved,
      },
      book: {
        pairs: s.book.pairs.map((p) => p.map(en)),
        answer: s.book.answer,
        tries: s.book.tries,
        solved: s.book.solved,
      },
      fruit: { fruits: s.fruit.fruits.map(en), found: s.fruit.found.map(en), misses: s.fruit.misses.map(en) },
      oppositesSeen: s.oppositesSeen,
      path: s.path ? { words: s.path.words.map(en), skipped: s.path.skipped } : null,
      spots: Object.fromEntries(
        [
          s.closest.target,
          s.closest.answer,
          ...s.which.options,
          ...s.fruit.fruits,
          ...(s.path?.words ?? []),
        ].map((i) => [en(i), spot(i)]),
      ),
      stepDone: lesson.stepDone(s),
      misses: lesson.misses(s),
      stars: lesson.stars(s),
    });
  }

  // -------------------------------------------------------------------------------------------
  // The canvas: the map, its words (all labelled), the walker, the step's words marked.

  /**
   * The map is drawn on a canvas of its own inside its box, and only when something changed: four
   * hundred labels redrawn by Phaser at every frame kept the main thread busy (long tasks of 50 to
   * 190 ms on a loaded 2-core machine), drawn once per change they cost a few milliseconds.
   */
  protected layout(): void {
    const canvas = this.canvas;
    if (!canvas || !this.els) return;
    const map = this.map;
    const s = this.state;
    const was = this.box;
    this.measure();
    const moved =
      was.x !== this.box.x || was.y !== this.box.y || was.w !== this.box.w || was.h !== this.box.h;
    // The test hook's places follow the box.
    if ((moved || this.publishQueued) && this.state) this.publishState();
    this.publishQueued = false;
    const dpr = window.devicePixelRatio || 1;
    const { w, h } = this.box;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    if (!map || !s || !this.playing) return;
    const f = this.frame();
    ctx.fillStyle = '#fffdf7';
    ctx.fillRect(0, 0, w, h);
    ctx.strokeStyle = '#e8dcc4';
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (let k = 0; k <= 10; k++) {
      const p = f.toScreen({ x: k / 10, y: k / 10 });
      if (p.x >= 0 && p.x <= w) line(ctx, p.x, 0, p.x, h);
      if (p.y >= 0 && p.y <= h) line(ctx, 0, p.y, w, p.y);
    }
    ctx.stroke();
    const inside = (p: Point) => p.x >= -40 && p.x <= w + 40 && p.y >= -30 && p.y <= h + 30;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    if (this.which === 'ours' && this.ours) {
      this.drawOurs(ctx, f, inside);
      return;
    }
    const marks = this.marks(s);
    const path = s.phase === 'path' || s.phase === 'done' ? (s.path?.words ?? []) : [];
    // The path of a sentence: stops joined by arrows.
    ctx.strokeStyle = hex(Colors.orange);
    ctx.fillStyle = hex(Colors.orange);
    ctx.lineWidth = 4;
    path.slice(1).forEach((wi, k) => {
      const p = f.toScreen(map.words[path[k] as number] as lesson.MapWord);
      const q = f.toScreen(map.words[wi] as lesson.MapWord);
      ctx.beginPath();
      line(ctx, p.x, p.y, q.x, q.y);
      ctx.stroke();
      const ang = Math.atan2(q.y - p.y, q.x - p.x);
      const mx = (p.x + q.x) / 2;
      const my = (p.y + q.y) / 2;
      ctx.beginPath();
      ctx.moveTo(mx + 10 * Math.cos(ang), my + 10 * Math.sin(ang));
      ctx.lineTo(mx + 8 * Math.cos(ang + 2.4), my + 8 * Math.sin(ang + 2.4));
      ctx.lineTo(mx + 8 * Math.cos(ang - 2.4), my + 8 * Math.sin(ang - 2.4));
      ctx.fill();
    });
    // The few words nearest the walker light up and grow (within about 50 px on screen).
    const near = new Set(map.around(this.me.x, this.me.y, Math.max(lesson.REACH, 50 / f.scale)).slice(0, 4));
    const at = this.reached();
    const big = `bold 18px ${FONT_STACK}`;
    const lang = this.lang;
    const grown: number[] = [];
    markers(
      ctx,
      map.words.map((wd, i) => ({
        p: f.toScreen(wd),
        group: wd.group,
        r: near.has(i) || marks.has(i) ? 6 : 4,
      })),
      inside,
    );
    map.words.forEach((wd, i) => {
      const p = f.toScreen(wd);
      if (!inside(p)) return;
      const grow = near.has(i) || marks.has(i);
      if (grow) grown.push(i);
      const m = marks.get(i);
      ctx.lineWidth = 3;
      if (m === 'target') {
        ctx.strokeStyle = hex(Colors.ink);
        ring(ctx, p, 14);
        ring(ctx, p, 19);
      } else if (m === 'option' || m === 'hint') {
        ctx.strokeStyle = hex(Colors.blue);
        ctx.setLineDash([5, 4]);
        ring(ctx, p, 15);
        ctx.setLineDash([]);
      } else if (m === 'found') {
        ctx.strokeStyle = hex(Colors.green);
        ctx.lineWidth = 4;
        ctx.beginPath();
        ctx.moveTo(p.x - 9, p.y + 1);
        ctx.lineTo(p.x - 3, p.y + 8);
        ctx.lineTo(p.x + 10, p.y - 8);
        ctx.stroke();
      } else if (m === 'miss') {
        ctx.strokeStyle = hex(Colors.ink);
        ctx.beginPath();
        line(ctx, p.x - 7, p.y - 7, p.x + 7, p.y + 7);
        line(ctx, p.x - 7, p.y + 7, p.x + 7, p.y - 7);
        ctx.stroke();
      }
      if (i === at) {
        ctx.strokeStyle = hex(Colors.orange);
        ctx.lineWidth = 2;
        ring(ctx, p, 10);
      }
    });
    // All labels, the grown ones last (on top), each with a light halo so it reads over lines.
    // The small labels are copied from an atlas drawn once per language (copying 460 pictures
    // costs far less than writing 460 texts at every move of a pan or a pinch).
    const atlas = this.atlasFor(map, lang, dpr);
    map.words.forEach((wd, i) => {
      const p = f.toScreen(wd);
      const r = atlas.rects[i];
      if (!inside(p) || grown.includes(i) || !r) return;
      ctx.drawImage(
        atlas.canvas,
        r.x,
        r.y,
        r.w,
        r.h,
        p.x - r.w / dpr / 2,
        p.y - 4 - r.h / dpr,
        r.w / dpr,
        r.h / dpr,
      );
    });
    ctx.lineJoin = 'round';
    ctx.strokeStyle = 'rgba(255, 253, 247, 0.85)';
    ctx.fillStyle = hex(Colors.ink);
    ctx.font = big;
    ctx.lineWidth = 4;
    for (const i of grown) {
      const wd = map.words[i] as lesson.MapWord;
      const p = f.toScreen(wd);
      const text = lang === 'zh' ? wd.zh : wd.en;
      ctx.strokeText(text, p.x, p.y - 8);
      ctx.fillText(text, p.x, p.y - 8);
    }
    // Numbered stops of the path.
    ctx.font = `bold 12px ${FONT_STACK}`;
    ctx.textBaseline = 'middle';
    path.forEach((wi, k) => {
      const p = f.toScreen(map.words[wi] as lesson.MapWord);
      ctx.fillStyle = '#ffffff';
      ctx.strokeStyle = hex(Colors.ink);
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.arc(p.x - 14, p.y + 12, 9, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
      ctx.fillStyle = hex(Colors.ink);
      ctx.fillText(String(k + 1), p.x - 14, p.y + 12);
    });
    // The walker: a round friend with eyes, outlined; a faint ring shows how far words light up.
    const me = f.toScreen(this.me);
    ctx.strokeStyle = hex(Colors.grey);
    ctx.lineWidth = 1;
    ring(ctx, me, Math.max(lesson.REACH * f.scale, 50));
    ctx.fillStyle = hex(Colors.yellow);
    ctx.strokeStyle = hex(Colors.ink);
    ctx.lineWidth = 3;
    ctx.beginPath();
    ctx.arc(me.x, me.y, 13, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
    ctx.fillStyle = hex(Colors.ink);
    ctx.beginPath();
    ctx.arc(me.x - 4, me.y - 3, 2.2, 0, 2 * Math.PI);
    ctx.arc(me.x + 4, me.y - 3, 2.2, 0, 2 * Math.PI);
    ctx.fill();
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(me.x, me.y + 1, 6, 0.2 * Math.PI, 0.8 * Math.PI);
    ctx.stroke();
  }

  /** The step's special words: the target (double ring), options and hints (dashed ring), fruit found (✓) or misses (✗). */
  private marks(s: SemanticState): Map<number, 'target' | 'option' | 'hint' | 'found' | 'miss'> {
    const m = new Map<number, 'target' | 'option' | 'hint' | 'found' | 'miss'>();
    if (s.phase === 'closest') {
      m.set(s.closest.target, 'target');
      if (lesson.closestHint(s)) m.set(s.closest.answer, 'hint');
      for (const t of s.closest.tries) if (t !== s.closest.answer) m.set(t, 'miss');
    }
    if (s.phase === 'which') {
      m.set(s.which.target, 'target');
      for (const o of s.which.options) m.set(o, 'option');
    }
    if (s.phase === 'book') for (const p of s.book.pairs) for (const w of p) m.set(w, 'option');
    if (s.phase === 'fruit') {
      for (const w of s.fruit.found) m.set(w, 'found');
      for (const w of s.fruit.misses) m.set(w, 'miss');
    }
    return m;
  }

  /** Every word's small label, drawn once into one canvas (with its light halo), for the language and pixel ratio. */
  private atlasFor(map: lesson.SemanticMap, lang: lesson.MapLang, dpr: number): Atlas {
    const key = `${lang}-${dpr}`;
    if (this.atlas?.key === key) return this.atlas;
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
    const font = `13px ${FONT_STACK}`;
    ctx.font = font;
    const h = Math.ceil(19 * dpr);
    const width = Math.ceil(1024 * dpr);
    const rects: { x: number; y: number; w: number; h: number }[] = [];
    let x = 0;
    let y = 0;
    for (let i = 0; i < map.words.length; i++) {
      const w = Math.ceil((ctx.measureText(map.label(i, lang)).width + 6) * dpr);
      if (x + w > width) {
        x = 0;
        y += h;
      }
      rects.push({ x, y, w, h });
      x += w;
    }
    canvas.width = width;
    canvas.height = y + h;
    ctx.scale(dpr, dpr);
    ctx.font = font;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    ctx.lineJoin = 'round';
    ctx.lineWidth = 3;
    ctx.strokeStyle = 'rgba(255, 253, 247, 0.85)';
    ctx.fillStyle = hex(Colors.ink);
    rects.forEach((r, i) => {
      const cx = (r.x + r.w / 2) / dpr;
      const by = (r.y + r.h) / dpr - 3;
      ctx.strokeText(map.label(i, lang), cx, by);
      ctx.fillText(map.label(i, lang), cx, by);
    });
    this.atlas = { key, canvas, rects };
    return this.atlas;
  }

  private drawOurs(
    ctx: CanvasRenderingContext2D,
    f: ReturnType<SemanticMapScene['frame']>,
    inside: (p: Point) => boolean,
  ): void {
    const o = this.ours as ModelMapData;
    const map = this.map as lesson.SemanticMap;
    const focus = this.oursFocus;
    const near = new Set<number>();
    if (focus !== null) {
      const n = o.near[focus] ?? [];
      for (let j = 0; j < n.length; j += 2) near.add(n[j] as number);
    }
    const spots = o.tokens.map((_, i) =>
      f.toScreen({ x: o.xy[2 * i] as number, y: o.xy[2 * i + 1] as number }),
    );
    markers(
      ctx,
      spots.map((p, i) => ({ p, group: (map.words[o.word[i] as number] as lesson.MapWord).group, r: 4 })),
      inside,
    );
    spots.forEach((p, i) => {
      if (!inside(p)) return;
      ctx.strokeStyle = hex(i === focus ? Colors.ink : Colors.blue);
      ctx.lineWidth = i === focus ? 3 : 2;
      if (i === focus) ring(ctx, p, 14);
      else if (near.has(i)) ring(ctx, p, 10);
    });
    ctx.lineJoin = 'round';
    ctx.strokeStyle = 'rgba(255, 253, 247, 0.85)';
    ctx.fillStyle = hex(Colors.ink);
    spots.forEach((p, i) => {
      if (!inside(p)) return;
      const grow = i === focus || near.has(i);
      ctx.font = grow ? `bold 18px ${FONT_STACK}` : `13px ${FONT_STACK}`;
      ctx.lineWidth = grow ? 4 : 3;
      ctx.strokeText(o.tokens[i] ?? '', p.x, p.y - 6);
      ctx.fillText(o.tokens[i] ?? '', p.x, p.y - 6);
    });
  }

  protected override shutdown(): void {
    this.stopWalking();
    this.canvas = null;
    this.atlas = null;
    this.box = { x: 0, y: 0, w: 0, h: 0 };
  }
}

const hex = (c: number): string => `#${c.toString(16).padStart(6, '0')}`;

function line(ctx: CanvasRenderingContext2D, x0: number, y0: number, x1: number, y1: number): void {
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1, y1);
}

function ring(ctx: CanvasRenderingContext2D, p: Point, r: number): void {
  ctx.beginPath();
  ctx.arc(p.x, p.y, r, 0, 2 * Math.PI);
  ctx.stroke();
}

/**
 * The words' marks: each group's shape in its group's colour, outlined in ink; one path per group
 * (a few dozen drawing calls for the whole map, not two per word).
 */
function markers(
  ctx: CanvasRenderingContext2D,
  items: readonly { p: Point; group: Group; r: number }[],
  inside: (p: Point) => boolean,
): void {
  ctx.lineWidth = 1;
  ctx.strokeStyle = hex(Colors.ink);
  for (const g of GROUPS) {
    const look = groupLook(g);
    ctx.beginPath();
    for (const { p, group, r } of items) {
      if (group !== g || !inside(p)) continue;
      if (look.shape === 'circle') {
        ctx.moveTo(p.x + r, p.y);
        ctx.arc(p.x, p.y, r, 0, 2 * Math.PI);
      } else if (look.shape === 'square') ctx.rect(p.x - r, p.y - r, 2 * r, 2 * r);
      else if (look.shape === 'triangle') {
        ctx.moveTo(p.x, p.y - r - 1);
        ctx.lineTo(p.x + r + 1, p.y + r);
        ctx.lineTo(p.x - r - 1, p.y + r);
        ctx.closePath();
      } else {
        ctx.moveTo(p.x, p.y - r - 1);
        ctx.lineTo(p.x + r + 1, p.y);
        ctx.lineTo(p.x, p.y + r + 1);
        ctx.lineTo(p.x - r - 1, p.y);
        ctx.closePath();
      }
    }
    ctx.fillStyle = hex(look.color);
    ctx.fill();
    ctx.stroke();
  }
}

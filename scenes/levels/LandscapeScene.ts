import type Phaser from 'phaser';
import { LevelScene } from './LevelScene';
import { Colors, FONT_STACK } from '../keys';
import { Heatmap, mix } from '../heatmap';
import { labBody, labPicture, radioGroup } from '../lab';
import { drawAnimals, drawLine, planeSquare } from '../animalPlane';
import { app } from '../../src/app';
import { h } from '../../src/ui/overlay';
import { t, type Key } from '../../src/i18n';
import * as lesson from '../../src/lessons/landscape';
import type { Ball, LandscapeState, RateName } from '../../src/lessons/landscape';
import { ANIMALS, correct, type Neuron } from '../../src/lessons/neuron';

const DROP_NAMES = ['A', 'B', 'C', 'D'] as const;
const RATE_NAMES = Object.keys(lesson.RATES) as RateName[];
/** Milliseconds a step while the ball rolls (none with reduced motion). */
const STEP_MS = 140;
/** The height map's colours: low (a deep lake) to high (pale hills), in bands that read as contour lines. */
const LOW = 0x08306b;
const MID = 0x56b4e9;
const HIGH = 0xfdf3c4;
const BANDS = 14;

/** Level "loss-landscape": drop a ball on the neuron's error, pick a step size, roll to the lowest lake. */
export class LandscapeScene extends LevelScene {
  private state: LandscapeState = lesson.startLevel();
  /** The neuron with the ball's weights and which animals it sorts, once a render. */
  private sorted: { neuron: Neuron; right: boolean[] } | null = null;
  private graphics!: Phaser.GameObjects.Graphics;
  private heat!: Heatmap;
  private letters: Phaser.GameObjects.Text[] = [];
  private els!: {
    body: HTMLElement;
    map: HTMLElement;
    mapSummary: HTMLElement;
    neuron: HTMLElement;
    neuronSummary: HTMLElement;
    drops: HTMLInputElement[];
    rates: HTMLInputElement[];
    roll: HTMLButtonElement;
    steps: HTMLElement;
    message: HTMLElement;
    finish: HTMLButtonElement;
  };

  constructor() {
    super('loss-landscape');
  }

  protected build(): void {
    this.state = lesson.startLevel();
    this.sorted = null;
    this.heat = new Heatmap(this, `${this.scene.key}-map`, 128);
    this.paintMap();
    this.graphics = this.add.graphics();
    this.letters = DROP_NAMES.map((name) =>
      this.add
        .text(0, 0, name, { fontFamily: FONT_STACK, fontSize: '18px', fontStyle: 'bold', color: '#1b2a3a' })
        .setOrigin(0.5),
    );
    const ui = this.ui;

    const drops = radioGroup(ui, {
      name: 'drop',
      testPrefix: 'drop',
      legend: 'landscape:dropLabel',
      values: DROP_NAMES,
      label: (v) => ui.text(h('span', {}), 'landscape:drop', { name: v }),
      checked: DROP_NAMES[this.state.drop] ?? 'A',
      onPick: (v) => this.onDrop(DROP_NAMES.indexOf(v)),
    });
    const rates = radioGroup(ui, {
      name: 'rate',
      testPrefix: 'rate',
      legend: 'landscape:rateLabel',
      values: RATE_NAMES,
      label: (v) => ui.text(h('span', {}), `landscape:rate.${v}` as Key),
      checked: this.state.rate,
      onPick: (v) => this.onRate(v),
    });
    const { box: map, summary: mapSummary } = labPicture(ui, 'landscape:mapLabel', {
      summaryId: 'map-summary',
    });
    const { box: neuron, summary: neuronSummary } = labPicture(ui, 'landscape:neuronLabel', {
      testId: 'neuron-view',
      summaryId: 'neuron-summary',
      small: true,
      live: false,
    });
    const roll = ui.button('landscape:roll', () => this.onRoll(), {
      class: 'btn btn-primary',
      testId: 'roll',
    });
    const steps = h('p', { class: 'readout', 'data-testid': 'steps' });
    const message = h('p', { class: 'message', 'data-testid': 'message', role: 'status' });
    const finish = this.finishButton(() => void this.finish());
    // The neuron changes with every step of the ball: it stays beside the map, on screen with it.
    const linked = h(
      'div',
      { class: 'lab-linked' },
      ui.text(h('p', { class: 'note' }), 'landscape:neuronCaption', { b: lesson.B }),
      neuron,
    );
    const body = labBody(
      [h('div', { class: 'lab-pair' }, map, linked), ui.text(h('p', { class: 'note' }), 'landscape:legend')],
      [
        drops.group,
        rates.group,
        h('div', { class: 'level-actions' }, roll, finish),
        steps,
        message,
        ui.text(h('p', { class: 'note' }), 'landscape:starsHint'),
      ],
    );
    this.els = {
      body,
      map,
      mapSummary,
      neuron,
      neuronSummary,
      drops: drops.inputs,
      rates: rates.inputs,
      roll,
      steps,
      message,
      finish,
    };
    this.mount({ body }, () => this.begin());
    ui.onRetranslate(() => this.render());
    this.render();
  }

  /** The height map, painted once: it never changes. */
  private paintMap(): void {
    const lo = lesson.height(lesson.LOWEST);
    const hi = 9;
    this.heat.paint((u, v) => {
      const x = (lesson.height(lesson.fromMap(u, v)) - lo) / (hi - lo);
      const k = Math.min(1, Math.max(0, Math.sqrt(Math.max(0, x))));
      const band = Math.floor(k * BANDS) / BANDS;
      const c = band < 0.5 ? mix(LOW, MID, band * 2) : mix(MID, HIGH, (band - 0.5) * 2);
      // A thin darker rim where one band meets the next: the contour lines.
      const edge = k * BANDS - Math.floor(k * BANDS) < 0.12;
      return edge ? mix(c, 0x000000, 0.18) : c;
    });
  }

  private begin(): void {
    const next = lesson.begin(this.state);
    if (next === this.state) return;
    this.state = next;
    app().sound.play('tap');
    this.render();
    this.els.drops[this.state.drop]?.focus();
  }

  private onDrop(i: number): void {
    this.state = lesson.aim(this.state, { drop: i });
    this.render();
  }

  private onRate(rate: RateName): void {
    this.state = lesson.aim(this.state, { rate });
    this.render();
  }

  private onRoll(): void {
    const next = lesson.rollBall(this.state);
    if (next === this.state || !next.last) return;
    this.state = next;
    app().sound.play('tap');
    const steps = next.last.path.length - 1;
    if (app().reducedMotion() || steps < 1) {
      this.step(steps);
      return;
    }
    this.time.addEvent({ delay: STEP_MS, repeat: steps - 1, callback: () => this.step(1) });
    this.render();
  }

  /** The ball moves on; at the end of its path the roll is judged. */
  private step(n: number): void {
    this.state = lesson.showSteps(this.state, n);
    const p = this.state.phase;
    if (p !== 'rolling') app().sound.play(p === 'done' ? 'win' : 'try');
    this.render();
    if (p !== 'rolling') (p === 'done' ? this.els.finish : this.els.roll).focus();
  }

  private async finish(): Promise<void> {
    if (this.state.phase === 'done') await this.completeLevel(lesson.levelStars(this.state));
  }

  private render(): void {
    const st = this.state;
    const p = st.phase;
    const e = this.els;
    this.showIntro(p === 'intro');
    const aiming = p === 'aim';
    e.drops.forEach((d) => (d.disabled = !aiming));
    e.rates.forEach((d) => (d.disabled = !aiming));
    e.roll.disabled = !aiming;
    e.roll.hidden = p === 'done';
    e.finish.hidden = p !== 'done';
    const w = lesson.ballOf(st);
    const fix1 = (v: number): string => v.toFixed(1);
    const neuron = lesson.ballNeuron(w);
    this.sorted = { neuron, right: correct(neuron) };
    const right = this.sorted.right.filter(Boolean).length;
    // While the ball rolls only the canvas changes: the counts, the message and the summaries for
    // screen readers are set when it stops (a live region read out every step would be noise, and
    // each change of the page's text costs a repaint on slow tablets).
    const set = (el: HTMLElement, text: string): void => {
      if (el.textContent !== text) el.textContent = text;
    };
    if (p !== 'rolling')
      set(
        e.steps,
        t('landscape:steps', { steps: lesson.stepsShown(st), budget: lesson.BUDGET, rolls: st.rolls }),
      );
    const r = st.last;
    set(
      e.message,
      p === 'rolling'
        ? t('landscape:rolling')
        : r && (p === 'aim' || p === 'done')
          ? t(`landscape:outcome.${r.outcome}` as Key, { steps: r.steps })
          : '',
    );
    if (p !== 'rolling') {
      set(
        e.mapSummary,
        t('landscape:mapSummary', { w1: fix1(w.w1), w2: fix1(w.w2), height: lesson.height(w).toFixed(2) }),
      );
      set(e.neuronSummary, t('landscape:neuronSummary', { right, total: ANIMALS.length }));
    }
    this.publish({
      phase: p,
      drop: st.drop,
      rate: st.rate,
      rolls: st.rolls,
      shown: st.shown,
      ball: { ...w },
      height: lesson.height(w),
      right,
      last: r ? { outcome: r.outcome, steps: r.steps } : null,
      stars: lesson.levelStars(st),
    });
    this.redrawSoon();
  }

  protected layout(): void {
    const g = this.graphics;
    g.clear();
    if (!this.els || !this.playing) {
      this.heat?.image.setVisible(false);
      this.letters.forEach((l) => l.setVisible(false));
      return;
    }
    const sq = planeSquare(this.rectOf(this.els.map), 8);
    this.heat.place(sq);
    g.lineStyle(2, Colors.ink, 1);
    g.strokeRect(sq.x, sq.y, sq.width, sq.height);
    const at = (w: Ball): { x: number; y: number } => {
      const m = lesson.toMap(w);
      const u = Math.min(1, Math.max(0, m.u));
      const v = Math.min(1, Math.max(0, m.v));
      return { x: sq.x + u * sq.width, y: sq.y + (1 - v) * sq.height };
    };
    const s = Math.max(10, sq.width / 30);
    // The hills the ball can be dropped on, each with its letter.
    lesson.DROPS.forEach((d, i) => {
      const c = at(d);
      g.fillStyle(Colors.white, 1);
      g.lineStyle(i === this.state.drop ? 4 : 2, Colors.ink, 1);
      g.fillCircle(c.x, c.y, s);
      g.strokeCircle(c.x, c.y, s);
      const letter = this.letters[i];
      if (!letter) return;
      // A new size redraws the text's texture: only when the map's size changed.
      const size = `${Math.round(s * 1.2)}px`;
      if (letter.style.fontSize !== size) letter.setFontSize(size);
      letter.setPosition(c.x, c.y).setVisible(true);
    });
    // The ball's path so far, and the ball.
    const { last, shown } = this.state;
    const path = last ? last.path.slice(0, shown + 1) : [];
    if (path.length > 1) {
      g.lineStyle(3, Colors.yellow, 1);
      g.beginPath();
      path.forEach((w, i) => {
        const c = at(w);
        if (i === 0) g.moveTo(c.x, c.y);
        else g.lineTo(c.x, c.y);
      });
      g.strokePath();
      g.fillStyle(Colors.yellow, 1);
      for (const w of path) {
        const c = at(w);
        g.fillCircle(c.x, c.y, 3);
      }
    }
    const b = at(lesson.ballOf(this.state));
    g.fillStyle(Colors.orange, 1);
    g.lineStyle(3, Colors.ink, 1);
    g.fillCircle(b.x, b.y, s * 0.7);
    g.strokeCircle(b.x, b.y, s * 0.7);
    // The linked view: the neuron with the ball's weights, on the animals' plane.
    const nsq = planeSquare(this.rectOf(this.els.neuron), 6);
    g.fillStyle(Colors.white, 1);
    g.fillRect(nsq.x, nsq.y, nsq.width, nsq.height);
    g.lineStyle(2, Colors.ink, 1);
    g.strokeRect(nsq.x, nsq.y, nsq.width, nsq.height);
    const sorted = this.sorted ?? { neuron: lesson.ballNeuron(lesson.ballOf(this.state)), right: [] };
    drawLine(g, nsq, sorted.neuron.w1, sorted.neuron.w2, sorted.neuron.b);
    drawAnimals(g, nsq, ANIMALS, sorted.right);
  }

  protected override shutdown(): void {
    this.heat.destroy();
    this.letters = [];
  }
}

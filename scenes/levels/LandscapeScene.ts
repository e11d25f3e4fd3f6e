import type Phaser from 'phaser';
import { LevelScene } from './LevelScene';
import { Colors, FONT_STACK, SceneKey } from '../keys';
import { Heatmap, mix } from '../heatmap';
import { labBody, labPicture, radioGroup } from '../lab';
import { drawAnimals, drawLine, planeSquare } from '../animalPlane';
import { app } from '../../src/app';
import { h } from '../../src/ui/overlay';
import { t, type Key } from '../../src/i18n';
import { updateHook } from '../../src/hook';
import * as lesson from '../../src/lessons/landscape';
import type { Ball, RateName, Roll } from '../../src/lessons/landscape';
import { ANIMALS, correct } from '../../src/lessons/neuron';

type Phase = 'intro' | 'aim' | 'rolling' | 'done';

const DROP_NAMES = ['A', 'B', 'C', 'D'] as const;
const RATE_NAMES = Object.keys(lesson.RATES) as RateName[];
/** Milliseconds a step while the ball rolls (none with reduced motion). */
const STEP_MS = 140;
/** The height map's colours: low (a deep lake) to high (pale hills), in bands that read as contour lines. */
const LOW = 0x08306b;
const MID = 0x56b4e9;
const HIGH = 0xfdf3c4;
const BANDS = 14;

/** Where the map shows a point of the weight plane: its place in the square, 0–1 each way. */
function toMap(w: Ball): { u: number; v: number } {
  return {
    u: (w.w1 - lesson.MAP.w1[0]) / (lesson.MAP.w1[1] - lesson.MAP.w1[0]),
    v: (w.w2 - lesson.MAP.w2[0]) / (lesson.MAP.w2[1] - lesson.MAP.w2[0]),
  };
}

function fromMap(u: number, v: number): Ball {
  return {
    w1: lesson.MAP.w1[0] + u * (lesson.MAP.w1[1] - lesson.MAP.w1[0]),
    w2: lesson.MAP.w2[0] + v * (lesson.MAP.w2[1] - lesson.MAP.w2[0]),
  };
}

/** Level "loss-landscape": drop a ball on the neuron's error, pick a step size, roll to the lowest lake. */
export class LandscapeScene extends LevelScene {
  private phase: Phase = 'intro';
  private drop = 0;
  private rate: RateName = 'medium';
  private rolls = 0;
  private last: Roll | null = null;
  private win: Roll | null = null;
  private winRolls = 0;
  private shown = 0;
  private graphics!: Phaser.GameObjects.Graphics;
  private heat!: Heatmap;
  private letters: Phaser.GameObjects.Text[] = [];
  private els!: {
    body: HTMLElement;
    introCard: HTMLElement;
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
    super(SceneKey.Landscape);
  }

  protected build(): void {
    this.phase = 'intro';
    this.drop = 0;
    this.rate = 'medium';
    this.rolls = 0;
    this.last = null;
    this.win = null;
    this.winRolls = 0;
    this.shown = 0;
    void app().startLevel('loss-landscape');
    this.heat = new Heatmap(this, `${SceneKey.Landscape}-map`, 128);
    this.paintMap();
    this.graphics = this.add.graphics();
    this.letters = DROP_NAMES.map((name) =>
      this.add
        .text(0, 0, name, { fontFamily: FONT_STACK, fontSize: '18px', fontStyle: 'bold', color: '#1b2a3a' })
        .setOrigin(0.5),
    );
    const ui = this.ui;
    const { card: introCard, start } = this.introCard('loss-landscape', 'landscape:intro', () =>
      this.begin(),
    );

    const drops = radioGroup(ui, {
      name: 'drop',
      testPrefix: 'drop',
      legend: 'landscape:dropLabel',
      values: DROP_NAMES,
      label: (v) => ui.text(h('span', {}), 'landscape:drop', { name: v }),
      checked: DROP_NAMES[this.drop] ?? 'A',
      onPick: (v) => this.onDrop(DROP_NAMES.indexOf(v)),
    });
    const rates = radioGroup(ui, {
      name: 'rate',
      testPrefix: 'rate',
      legend: 'landscape:rateLabel',
      values: RATE_NAMES,
      label: (v) => ui.text(h('span', {}), `landscape:rate.${v}` as Key),
      checked: this.rate,
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
    const body = labBody(
      [map, ui.text(h('p', { class: 'note' }), 'landscape:legend')],
      [
        drops.group,
        rates.group,
        h('div', { class: 'level-actions' }, roll, finish),
        steps,
        message,
        ui.text(h('p', { class: 'note' }), 'landscape:starsHint'),
        ui.text(h('p', { class: 'note' }), 'landscape:neuronCaption', { b: lesson.B }),
        neuron,
      ],
    );
    this.mountLevel('loss-landscape', body, introCard);
    this.els = {
      body,
      introCard,
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
    ui.onRetranslate(() => this.render());
    this.render();
    start.focus();
  }

  /** The height map, painted once: it never changes. */
  private paintMap(): void {
    const lo = lesson.height(lesson.LOWEST);
    const hi = 9;
    this.heat.paint((u, v) => {
      const x = (lesson.height(fromMap(u, v)) - lo) / (hi - lo);
      const k = Math.min(1, Math.max(0, Math.sqrt(Math.max(0, x))));
      const band = Math.floor(k * BANDS) / BANDS;
      const c = band < 0.5 ? mix(LOW, MID, band * 2) : mix(MID, HIGH, (band - 0.5) * 2);
      // A thin darker rim where one band meets the next: the contour lines.
      const edge = k * BANDS - Math.floor(k * BANDS) < 0.12;
      return edge ? mix(c, 0x000000, 0.18) : c;
    });
  }

  private begin(): void {
    if (this.phase !== 'intro') return;
    app().sound.play('tap');
    this.phase = 'aim';
    this.render();
    this.els.drops[this.drop]?.focus();
  }

  private onDrop(i: number): void {
    if (this.phase !== 'aim') return;
    this.drop = i;
    this.last = null;
    this.render();
  }

  private onRate(rate: RateName): void {
    if (this.phase !== 'aim') return;
    this.rate = rate;
    this.render();
  }

  private onRoll(): void {
    if (this.phase !== 'aim') return;
    const r = lesson.roll(lesson.DROPS[this.drop] as Ball, lesson.RATES[this.rate]);
    this.rolls += 1;
    this.last = r;
    this.shown = 0;
    this.phase = 'rolling';
    app().sound.play('tap');
    if (app().reducedMotion()) {
      this.shown = r.path.length - 1;
      this.endRoll();
      return;
    }
    this.time.addEvent({
      delay: STEP_MS,
      repeat: r.path.length - 2,
      callback: () => {
        this.shown += 1;
        if (this.shown >= r.path.length - 1) this.endRoll();
        else this.render();
      },
    });
    this.render();
  }

  private endRoll(): void {
    const r = this.last;
    if (!r) return;
    const won = r.outcome === 'lowest';
    if (won) {
      this.win = r;
      this.winRolls = this.rolls;
    }
    this.phase = won ? 'done' : 'aim';
    app().sound.play(won ? 'win' : 'try');
    this.render();
    (won ? this.els.finish : this.els.roll).focus();
  }

  private async finish(): Promise<void> {
    if (this.phase !== 'done') return;
    await this.completeLevel('loss-landscape', lesson.stars(this.win, this.winRolls), 'landscape:learned');
  }

  /** Where the ball is now: on its drop before a roll, else on its path (the last step may be off the map). */
  private ball(): Ball {
    return this.last?.path[this.shown] ?? (lesson.DROPS[this.drop] as Ball);
  }

  private render(): void {
    const p = this.phase;
    const e = this.els;
    e.introCard.hidden = p !== 'intro';
    e.body.hidden = p === 'intro';
    const aiming = p === 'aim';
    e.drops.forEach((d) => (d.disabled = !aiming));
    e.rates.forEach((d) => (d.disabled = !aiming));
    e.roll.disabled = !aiming;
    e.roll.hidden = p === 'done';
    e.finish.hidden = p !== 'done';
    const w = this.ball();
    const fix1 = (v: number): string => v.toFixed(1);
    const right = correct({ w1: w.w1, w2: w.w2, b: lesson.B, activation: 'sigmoid' }).filter(Boolean).length;
    // While the ball rolls only the canvas changes: the counts, the message and the summaries for
    // screen readers are set when it stops (a live region read out every step would be noise, and
    // each change of the page's text costs a repaint on slow tablets).
    const set = (el: HTMLElement, text: string): void => {
      if (el.textContent !== text) el.textContent = text;
    };
    if (p !== 'rolling')
      set(e.steps, t('landscape:steps', { steps: this.shown, budget: lesson.BUDGET, rolls: this.rolls }));
    const r = this.last;
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
    updateHook({
      level: {
        id: 'loss-landscape',
        state: {
          phase: p,
          drop: this.drop,
          rate: this.rate,
          rolls: this.rolls,
          shown: this.shown,
          ball: { ...w },
          height: lesson.height(w),
          right,
          last: r ? { outcome: r.outcome, steps: r.steps } : null,
          stars: lesson.stars(this.win, this.winRolls),
        },
      },
      view: null,
    });
    this.redrawSoon();
  }

  protected layout(): void {
    const g = this.graphics;
    g.clear();
    if (!this.els || this.els.body.hidden) {
      this.heat?.image.setVisible(false);
      this.letters.forEach((l) => l.setVisible(false));
      return;
    }
    const sq = planeSquare(this.rectOf(this.els.map), 8);
    this.heat.place(sq);
    g.lineStyle(2, Colors.ink, 1);
    g.strokeRect(sq.x, sq.y, sq.width, sq.height);
    const at = (w: Ball): { x: number; y: number } => {
      const m = toMap(w);
      const u = Math.min(1, Math.max(0, m.u));
      const v = Math.min(1, Math.max(0, m.v));
      return { x: sq.x + u * sq.width, y: sq.y + (1 - v) * sq.height };
    };
    const s = Math.max(10, sq.width / 30);
    // The hills the ball can be dropped on, each with its letter.
    lesson.DROPS.forEach((d, i) => {
      const c = at(d);
      g.fillStyle(Colors.white, 1);
      g.lineStyle(i === this.drop ? 4 : 2, Colors.ink, 1);
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
    const path = this.last ? this.last.path.slice(0, this.shown + 1) : [];
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
    const b = at(this.ball());
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
    const w = this.ball();
    const n = { w1: w.w1, w2: w.w2, b: lesson.B, activation: 'sigmoid' as const };
    drawLine(g, nsq, n.w1, n.w2, n.b);
    drawAnimals(g, nsq, ANIMALS, correct(n));
  }

  protected override shutdown(): void {
    this.heat.destroy();
    this.letters = [];
  }
}

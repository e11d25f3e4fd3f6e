import type Phaser from 'phaser';
import { LevelScene } from './LevelScene';
import { Colors } from '../keys';
import { knobControl, type KnobControl } from '../knobControl';
import { axes, labBody, labPicture } from '../lab';
import { app } from '../../src/app';
import { h } from '../../src/ui/overlay';
import { t } from '../../src/i18n';
import * as lesson from '../../src/lessons/knobs';
import type { Knobs, KnobsState } from '../../src/lessons/knobs';

/** Steps shown per animation frame: the whole descent takes about a second. */
const STEPS_PER_FRAME = 10;
/** The error bar's scale: logarithmic from 0.001 to 100 (s²). */
const BAR_LOW = 0.001;
const BAR_HIGH = 100;
const FLOORS_MAX = 10.5;
const SECONDS_MAX = 3;

const fmt = (e: number): string => (e >= 10 ? e.toFixed(1) : e >= 0.1 ? e.toFixed(2) : e.toFixed(3));

/** Level "knobs": turn a, b and c of a + b·tilt + c·bend until the curve fits the tower's fall times. */
export class KnobsScene extends LevelScene {
  private state: KnobsState = lesson.startLevel();
  private graphics!: Phaser.GameObjects.Graphics;
  private controls: KnobControl[] = [];
  private els!: {
    body: HTMLElement;
    plot: HTMLElement;
    summary: HTMLElement;
    error: HTMLElement;
    message: HTMLElement;
    hint: HTMLElement;
    computer: HTMLButtonElement;
    finish: HTMLButtonElement;
  };

  constructor() {
    super('knobs');
  }

  protected build(): void {
    this.state = lesson.startLevel();
    this.graphics = this.add.graphics();
    const ui = this.ui;

    const names = ['knobs:knobA', 'knobs:knobB', 'knobs:knobC'] as const;
    this.controls = names.map((name, i) =>
      knobControl(ui, {
        id: `knob-${i}`,
        name,
        min: lesson.KNOB_RANGE[i]?.min ?? 0,
        max: lesson.KNOB_RANGE[i]?.max ?? 1,
        step: lesson.KNOB_STEP,
        value: this.state.knobs[i] ?? 0,
        testId: `knob-${'abc'[i]}`,
        onChange: () => this.onTurn(),
      }),
    );
    const { box: plot, summary } = labPicture(ui, 'knobs:plotLabel');
    const error = h('p', { class: 'readout', 'data-testid': 'error' });
    const message = h('p', { class: 'message', 'data-testid': 'message', role: 'status' });
    const hint = h('p', { class: 'note', 'data-testid': 'stars-hint' });
    const computer = ui.button('knobs:computer', () => this.runComputer(), {
      class: 'btn btn-primary',
      testId: 'computer',
    });
    const finish = this.finishButton(() => void this.finish());
    const body = labBody(
      [plot, axes(ui, 'knobs:axisY', 'knobs:axisX')],
      [
        ui.text(h('p', { class: 'formula' }), 'knobs:formula'),
        ui.text(h('p', { class: 'note', 'data-testid': 'shapes' }), 'knobs:shapes'),
        ...this.controls.map((c) => c.row),
        error,
        ui.text(h('p', { class: 'note' }), 'knobs:errorHint'),
        hint,
        message,
        h('div', { class: 'level-actions' }, computer, finish),
      ],
    );
    this.els = { body, plot, summary, error, message, hint, computer, finish };
    this.mount({ body }, () => this.begin());
    ui.onRetranslate(() => this.render());
    this.render();
  }

  private begin(): void {
    const next = lesson.begin(this.state);
    if (next === this.state) return;
    this.state = next;
    app().sound.play('tap');
    this.render();
    this.controls[0]?.input.focus();
  }

  private onTurn(): void {
    const before = this.state;
    const knobs: Knobs = [
      this.controls[0]?.value() ?? 0,
      this.controls[1]?.value() ?? 0,
      this.controls[2]?.value() ?? 0,
    ];
    this.state = lesson.turn(this.state, knobs);
    if (before.phase === 'fit' && this.state.phase === 'won') app().sound.play('good');
    this.render();
  }

  /** The computer starts from the flat line and turns all three knobs downhill, a few steps a frame. */
  private runComputer(): void {
    const next = lesson.runComputer(this.state);
    if (next === this.state) return;
    this.state = next;
    this.controls.forEach((c) => c.disable(true));
    if (app().reducedMotion()) {
      this.showSteps(lesson.COMPUTER_STEPS);
      return;
    }
    const frames = Math.ceil(lesson.COMPUTER_STEPS / STEPS_PER_FRAME);
    this.time.addEvent({ delay: 16, repeat: frames - 1, callback: () => this.showSteps(STEPS_PER_FRAME) });
    this.render();
  }

  private showSteps(n: number): void {
    this.state = lesson.showSteps(this.state, n);
    this.render();
    if (this.state.phase === 'done') {
      app().sound.play('good');
      this.els.finish.focus();
    }
  }

  private async finish(): Promise<void> {
    if (this.state.phase === 'done') await this.completeLevel(lesson.levelStars(this.state));
  }

  private render(): void {
    const p = this.state.phase;
    const e = this.els;
    const k = lesson.shownKnobs(this.state);
    const err = lesson.error(k, lesson.TOWER);
    this.showIntro(p === 'intro');
    if (p === 'computer' || p === 'done')
      this.controls.forEach((c, i) => c.set(Number((k[i] ?? 0).toFixed(2))));
    e.error.textContent = `${t('knobs:error', { error: fmt(err) })} · ${t('knobs:goalLine', { target: lesson.TARGET })}`;
    e.hint.textContent = t('knobs:starsHint', { target: lesson.TARGET, half: lesson.TARGET / 2 });
    const far = lesson.TOWER.filter((q) => Math.abs(q.seconds - lesson.predict(k, q.floor)) > 0.1).length;
    e.summary.textContent = t('knobs:plotSummary', { error: fmt(err), far });
    e.message.textContent =
      p === 'won'
        ? t('knobs:won')
        : p === 'computer'
          ? t('knobs:computing', { step: this.state.shown, error: fmt(err) })
          : p === 'done'
            ? t('knobs:computerDone', { steps: lesson.COMPUTER_STEPS, error: fmt(err) })
            : '';
    e.computer.hidden = p !== 'won';
    e.finish.hidden = p !== 'done';
    this.publishState(k, err);
    this.redrawSoon();
  }

  private publishState(k: Knobs, err: number): void {
    const s = this.state;
    this.publish({
      phase: s.phase,
      knobs: [...s.knobs],
      shown: [...k],
      error: err,
      target: lesson.TARGET,
      bestError: lesson.error(s.best, lesson.TOWER),
      computerStep: s.shown,
      computerSteps: lesson.COMPUTER_STEPS,
      stars: lesson.levelStars(s),
    });
  }

  protected layout(): void {
    const g = this.graphics;
    g.clear();
    if (!this.els || !this.playing) return;
    const r = this.rectOf(this.els.plot);
    const barW = Math.max(28, r.width * 0.08);
    const plot = { x: r.x + 8, y: r.y + 8, w: r.width - barW - 32, h: r.height - 16 };
    if (plot.w <= 0 || plot.h <= 0) return;
    const X = (floor: number): number => plot.x + (floor / FLOORS_MAX) * plot.w;
    const Y = (s: number): number =>
      plot.y + plot.h - (Math.min(SECONDS_MAX, Math.max(-0.5, s)) / SECONDS_MAX) * plot.h;
    // Grid: a line a second, a tick a floor.
    g.lineStyle(1, Colors.grey, 0.6);
    for (let s = 0; s <= SECONDS_MAX; s++) g.lineBetween(plot.x, Y(s), plot.x + plot.w, Y(s));
    for (let f = 1; f <= 10; f++) g.lineBetween(X(f), Y(0) - 4, X(f), Y(0) + 4);
    g.lineStyle(2, Colors.ink, 1);
    g.lineBetween(plot.x, Y(0), plot.x + plot.w, Y(0));
    g.lineBetween(plot.x, plot.y, plot.x, Y(0));
    const k = lesson.shownKnobs(this.state);
    // How far each dot is from the curve.
    g.lineStyle(3, Colors.orange, 1);
    for (const q of lesson.TOWER)
      g.lineBetween(X(q.floor), Y(q.seconds), X(q.floor), Y(lesson.predict(k, q.floor)));
    // The curve.
    g.lineStyle(4, Colors.blue, 1);
    g.beginPath();
    for (let i = 0; i <= 60; i++) {
      const f = 0.25 + (i / 60) * (FLOORS_MAX - 0.25);
      if (i === 0) g.moveTo(X(f), Y(lesson.predict(k, f)));
      else g.lineTo(X(f), Y(lesson.predict(k, f)));
    }
    g.strokePath();
    // The dots.
    for (const q of lesson.TOWER) {
      g.fillStyle(Colors.ink, 1);
      g.fillCircle(X(q.floor), Y(q.seconds), 6);
    }
    // The error as one bar (logarithmic), with the goal marked.
    const err = lesson.error(k, lesson.TOWER);
    const bx = r.x + r.width - barW - 8;
    const by = plot.y;
    const bh = plot.h;
    const frac = (v: number): number =>
      Math.min(1, Math.max(0, Math.log(v / BAR_LOW) / Math.log(BAR_HIGH / BAR_LOW)));
    g.lineStyle(2, Colors.ink, 1);
    g.strokeRect(bx, by, barW, bh);
    const won = lesson.won(k);
    g.fillStyle(won ? Colors.green : Colors.orange, 1);
    g.fillRect(bx + 2, by + bh * (1 - frac(err)), barW - 4, bh * frac(err));
    const goalY = by + bh * (1 - frac(lesson.TARGET));
    g.lineStyle(3, Colors.ink, 1);
    for (let x = bx - 6; x < bx + barW + 6; x += 8)
      g.lineBetween(x, goalY, Math.min(x + 4, bx + barW + 6), goalY);
  }
}

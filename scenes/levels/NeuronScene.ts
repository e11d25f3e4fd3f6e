import type Phaser from 'phaser';
import { LevelScene } from './LevelScene';
import { Colors } from '../keys';
import { knobControl, type KnobControl } from '../knobControl';
import { axes, labBody, labPicture, radioGroup } from '../lab';
import { Heatmap, mix } from '../heatmap';
import { drawAnimals, drawLine, planeSquare, toScreen } from '../animalPlane';
import { app } from '../../src/app';
import { h } from '../../src/ui/overlay';
import { t, type Key } from '../../src/i18n';
import * as lesson from '../../src/lessons/neuron';
import type { Activation, Neuron, NeuronLevel } from '../../src/lessons/neuron';

/** Ground colours: pale orange where the neuron says cat, pale blue where it says rabbit. */
const CAT_GROUND = 0xf6d9a8;
const RABBIT_GROUND = 0xaed3ec;
/** The three parts of the nearest-point picture, and each point's shape (not colour alone). */
const PART_COLOURS = [0xaed3ec, 0xf6d9a8, 0xb5e3cf] as const;
const POINT_COLOURS = [Colors.blue, Colors.orange, Colors.green] as const;

/** The neuron's output, scaled to 0–1 for the ground's colour. */
function shade(n: Neuron, ears: number, tail: number): number {
  const o = lesson.output(n, ears, tail);
  if (n.activation === 'tanh') return (o + 1) / 2;
  return Math.min(1, o);
}

/** Level "neuron": set w1, w2, b and the activation until the neuron sorts rabbits from cats. */
export class NeuronScene extends LevelScene {
  private state: NeuronLevel = lesson.startLevel();
  private graphics!: Phaser.GameObjects.Graphics;
  private heat!: Heatmap;
  private controls: KnobControl[] = [];
  private painted = '';
  private els!: {
    body: HTMLElement;
    plot: HTMLElement;
    summary: HTMLElement;
    score: HTMLElement;
    message: HTMLElement;
    hint: HTMLElement;
    acts: HTMLInputElement[];
    nearestText: HTMLElement;
    nearest: HTMLButtonElement;
    finish: HTMLButtonElement;
  };

  constructor() {
    super('neuron');
  }

  protected build(): void {
    this.state = lesson.startLevel();
    this.painted = '';
    this.heat = new Heatmap(this, `${this.scene.key}-ground`, 64);
    this.graphics = this.add.graphics();
    const ui = this.ui;
    const knobs = [
      ['w1', 'neuron:w1'],
      ['w2', 'neuron:w2'],
      ['b', 'neuron:b'],
    ] as const;
    this.controls = knobs.map(([id, name]) =>
      knobControl(ui, {
        id: `neuron-${id}`,
        name,
        min: lesson.SLIDER.min,
        max: lesson.SLIDER.max,
        step: lesson.SLIDER.step,
        value: this.state.neuron[id],
        testId: `knob-${id}`,
        onChange: () => this.onTurn(),
      }),
    );
    const { group, inputs: acts } = radioGroup(ui, {
      name: 'activation',
      testPrefix: 'act',
      legend: 'neuron:activation',
      values: lesson.ACTIVATIONS,
      label: (a) => ui.text(h('span', {}), `neuron:act.${a}` as Key),
      checked: this.state.neuron.activation,
      onPick: (a) => this.onActivation(a),
    });
    const { box: plot, summary } = labPicture(ui, 'neuron:plotLabel');
    const score = h('p', { class: 'readout', 'data-testid': 'score' });
    const message = h('p', { class: 'message', 'data-testid': 'message', role: 'status' });
    const hint = ui.text(h('p', { class: 'note' }), 'neuron:starsHint');
    const nearestText = ui.text(
      h('p', { class: 'note', 'data-testid': 'nearest-text' }),
      'neuron:nearestText',
    );
    const nearest = ui.button('neuron:nearest', () => this.showNearest(), {
      class: 'btn btn-primary',
      testId: 'nearest',
    });
    const finish = this.finishButton(() => void this.finish());
    const body = labBody(
      [plot, axes(ui, 'neuron:axisY', 'neuron:axisX')],
      [
        ui.text(h('p', { class: 'formula' }), 'neuron:formula'),
        ...this.controls.map((c) => c.row),
        group,
        score,
        ui.text(h('p', { class: 'note' }), 'neuron:legend'),
        hint,
        message,
        nearestText,
        h('div', { class: 'level-actions' }, nearest, finish),
      ],
    );
    this.els = { body, plot, summary, score, message, hint, acts, nearestText, nearest, finish };
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
    const [w1, w2, b] = this.controls.map((c) => c.value());
    this.change({ w1: w1 ?? 0, w2: w2 ?? 0, b: b ?? 0 });
  }

  private onActivation(activation: Activation): void {
    this.change({ activation });
  }

  private change(patch: Partial<Neuron>): void {
    const before = this.state;
    this.state = lesson.change(this.state, patch);
    if (before.phase === 'sort' && this.state.phase === 'sorted') app().sound.play('good');
    this.render();
  }

  private showNearest(): void {
    const next = lesson.showNearest(this.state);
    if (next === this.state) return;
    this.state = next;
    this.controls.forEach((c) => c.disable(true));
    this.els.acts.forEach((a) => (a.disabled = true));
    this.render();
    this.els.finish.focus();
  }

  private async finish(): Promise<void> {
    if (this.state.phase === 'nearest') await this.completeLevel(lesson.levelStars(this.state));
  }

  private render(): void {
    const { phase: p, neuron } = this.state;
    const e = this.els;
    const correct = lesson.correct(neuron);
    const right = correct.filter(Boolean).length;
    const total = lesson.ANIMALS.length;
    this.showIntro(p === 'intro');
    e.score.textContent = t('neuron:score', { right, total });
    e.summary.textContent =
      p === 'nearest' ? t('neuron:nearestSummary') : t('neuron:plotSummary', { right, total });
    e.message.textContent = p === 'sorted' || p === 'nearest' ? t('neuron:won') : '';
    e.nearestText.hidden = p !== 'nearest';
    e.nearest.hidden = p !== 'sorted';
    e.finish.hidden = p !== 'nearest';
    this.publish({ phase: p, neuron: { ...neuron }, right, total, correct, stars: lesson.stars(neuron) });
    this.redrawSoon();
  }

  protected layout(): void {
    const g = this.graphics;
    g.clear();
    if (!this.els || !this.playing) {
      this.heat?.image.setVisible(false);
      return;
    }
    const sq = planeSquare(this.rectOf(this.els.plot));
    this.heat.place(sq);
    const n = this.state.neuron;
    const nearest = this.state.phase === 'nearest';
    // Repaint the ground only when what it shows changed (not on every resize).
    const key = nearest ? 'nearest' : `${n.w1},${n.w2},${n.b},${n.activation}`;
    if (key !== this.painted) {
      this.painted = key;
      if (nearest) this.heat.paint((u, v) => PART_COLOURS[lesson.nearestByNeurons(u, v)] ?? Colors.white);
      else this.heat.paint((u, v) => mix(CAT_GROUND, RABBIT_GROUND, shade(n, u, v)));
    }
    g.lineStyle(2, Colors.ink, 1);
    g.strokeRect(sq.x, sq.y, sq.width, sq.height);
    if (nearest) {
      const s = Math.max(8, sq.width / 30);
      lesson.CENTRES.forEach(([x, y], i) => {
        const c = toScreen(sq, x, y);
        g.fillStyle(POINT_COLOURS[i] ?? Colors.ink, 1);
        g.lineStyle(2, Colors.ink, 1);
        if (i === 0) {
          g.fillCircle(c.x, c.y, s);
          g.strokeCircle(c.x, c.y, s);
        } else if (i === 1) {
          g.fillTriangle(c.x - s, c.y + s, c.x + s, c.y + s, c.x, c.y - s);
          g.strokeTriangle(c.x - s, c.y + s, c.x + s, c.y + s, c.x, c.y - s);
        } else {
          g.fillRect(c.x - s, c.y - s, 2 * s, 2 * s);
          g.strokeRect(c.x - s, c.y - s, 2 * s, 2 * s);
        }
      });
      return;
    }
    drawLine(g, sq, n.w1, n.w2, n.b);
    drawAnimals(g, sq, lesson.ANIMALS, lesson.correct(n));
  }

  protected override shutdown(): void {
    this.heat.destroy();
  }
}

import type Phaser from 'phaser';
import { LevelScene } from './LevelScene';
import { Colors, SceneKey } from '../keys';
import { knobControl, type KnobControl } from '../knobControl';
import { axes, labBody, labPicture, radioGroup } from '../lab';
import { Heatmap, mix } from '../heatmap';
import { drawAnimals, drawLine, planeSquare, toScreen } from '../animalPlane';
import { app } from '../../src/app';
import { h } from '../../src/ui/overlay';
import { t, type Key } from '../../src/i18n';
import { updateHook } from '../../src/hook';
import * as lesson from '../../src/lessons/neuron';
import type { Activation, Neuron } from '../../src/lessons/neuron';

type Phase = 'intro' | 'sort' | 'sorted' | 'nearest';

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
  private phase: Phase = 'intro';
  private neuron: Neuron = lesson.START;
  private graphics!: Phaser.GameObjects.Graphics;
  private heat!: Heatmap;
  private controls: KnobControl[] = [];
  private painted = '';
  private els!: {
    body: HTMLElement;
    introCard: HTMLElement;
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
    super(SceneKey.Neuron);
  }

  protected build(): void {
    this.phase = 'intro';
    this.neuron = lesson.START;
    this.painted = '';
    void app().startLevel('neuron');
    this.heat = new Heatmap(this, `${SceneKey.Neuron}-ground`, 64);
    this.graphics = this.add.graphics();
    const ui = this.ui;
    const { card: introCard, start } = this.introCard('neuron', 'neuron:intro', () => this.begin());
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
        value: this.neuron[id],
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
      checked: this.neuron.activation,
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
    this.mountLevel('neuron', body, introCard);
    this.els = { body, introCard, plot, summary, score, message, hint, acts, nearestText, nearest, finish };
    ui.onRetranslate(() => this.render());
    this.render();
    start.focus();
  }

  private begin(): void {
    if (this.phase !== 'intro') return;
    app().sound.play('tap');
    this.phase = 'sort';
    this.render();
    this.controls[0]?.input.focus();
  }

  private onTurn(): void {
    if (this.phase !== 'sort' && this.phase !== 'sorted') return;
    this.neuron = {
      ...this.neuron,
      w1: this.controls[0]?.value() ?? 0,
      w2: this.controls[1]?.value() ?? 0,
      b: this.controls[2]?.value() ?? 0,
    };
    this.afterChange();
  }

  private onActivation(a: Activation): void {
    if (this.phase !== 'sort' && this.phase !== 'sorted') return;
    this.neuron = { ...this.neuron, activation: a };
    this.afterChange();
  }

  private afterChange(): void {
    const won = lesson.won(this.neuron);
    if (won && this.phase === 'sort') app().sound.play('good');
    this.phase = won ? 'sorted' : 'sort';
    this.render();
  }

  private showNearest(): void {
    if (this.phase !== 'sorted') return;
    this.phase = 'nearest';
    this.controls.forEach((c) => c.disable(true));
    this.els.acts.forEach((a) => (a.disabled = true));
    this.render();
    this.els.finish.focus();
  }

  private async finish(): Promise<void> {
    if (this.phase !== 'nearest') return;
    await this.completeLevel('neuron', lesson.stars(this.neuron), 'neuron:learned');
  }

  private render(): void {
    const p = this.phase;
    const e = this.els;
    const correct = lesson.correct(this.neuron);
    const right = correct.filter(Boolean).length;
    const total = lesson.ANIMALS.length;
    e.introCard.hidden = p !== 'intro';
    e.body.hidden = p === 'intro';
    e.score.textContent = t('neuron:score', { right, total });
    e.summary.textContent =
      p === 'nearest' ? t('neuron:nearestSummary') : t('neuron:plotSummary', { right, total });
    e.message.textContent = p === 'sorted' || p === 'nearest' ? t('neuron:won') : '';
    e.nearestText.hidden = p !== 'nearest';
    e.nearest.hidden = p !== 'sorted';
    e.finish.hidden = p !== 'nearest';
    updateHook({
      level: {
        id: 'neuron',
        state: {
          phase: p,
          neuron: { ...this.neuron },
          right,
          total,
          correct,
          stars: lesson.stars(this.neuron),
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
      return;
    }
    const sq = planeSquare(this.rectOf(this.els.plot));
    this.heat.place(sq);
    const n = this.neuron;
    const nearest = this.phase === 'nearest';
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

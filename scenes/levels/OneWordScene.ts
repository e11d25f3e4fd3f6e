import type Phaser from 'phaser';
import { LevelScene } from './LevelScene';
import { drawBarChart } from '../barChart';
import { app } from '../../src/app';
import { h } from '../../src/ui/overlay';
import { barsPlayfield, growingSentence, wordTile } from '../widgets';
import { content, t } from '../../src/i18n';
import * as lesson from '../../src/lessons/oneWord';

type Phase = 'intro' | lesson.Phase;

/** Level "one-word": the player adds one word at a time, guessing the model's favourite. */
export class OneWordScene extends LevelScene {
  private state!: lesson.OneWordState;
  private intro = true;
  private graphics!: Phaser.GameObjects.Graphics;
  private labels: Phaser.GameObjects.Text[] = [];
  private grow = { t: 1 };
  private growTween: Phaser.Tweens.Tween | null = null;
  private els!: {
    round: HTMLElement;
    sentence: HTMLElement;
    instruction: HTMLElement;
    playfield: HTMLElement;
    summary: HTMLElement;
    tiles: HTMLElement;
    next: HTMLButtonElement;
    body: HTMLElement;
  };

  constructor() {
    super('one-word');
  }

  private get content(): lesson.OneWordContent {
    return content('oneWord').content;
  }

  protected build(): void {
    this.state = lesson.start(this.content, this.seed);
    this.intro = true;
    this.graphics = this.add.graphics();

    const ui = this.ui;
    const round = h('p', { class: 'round', 'data-testid': 'round' });
    const sentence = h('p', { class: 'sentence', 'data-testid': 'sentence', 'aria-live': 'polite' });
    const instruction = h('p', { class: 'instruction', 'data-testid': 'instruction' });
    const { box: playfield, summary } = barsPlayfield(ui, 'oneWord:barsLabel');
    const tiles = h('div', { class: 'tiles', role: 'group', 'data-testid': 'tiles' });
    ui.attr(tiles, 'aria-label', 'oneWord:choose');
    const next = h('button', { type: 'button', class: 'btn btn-primary btn-next', 'data-testid': 'next' });
    ui.listen(next, 'click', () => this.onNext());
    const keyHint = ui.text(h('p', { class: 'note key-hint' }), 'oneWord:keyHint');

    const body = h(
      'main',
      { class: 'level-body' },
      sentence,
      instruction,
      playfield,
      tiles,
      h('div', { class: 'level-actions' }, next, keyHint),
    );
    this.els = { round, sentence, instruction, playfield, summary, tiles, next, body };
    this.mount({ body, beside: [round], start: 'oneWord:start' }, () => this.beginPlay());
    ui.listen(window, 'keydown', (e) => this.onKey(e));
    ui.onRetranslate(() => this.render());
    this.render();
  }

  private beginPlay(): void {
    if (!this.intro) return;
    this.intro = false;
    app().sound.play('tap');
    this.render();
    (this.els.tiles.querySelector('button') as HTMLButtonElement | null)?.focus();
  }

  private phase(): Phase {
    return this.intro ? 'intro' : this.state.phase;
  }

  private onKey(e: KeyboardEvent): void {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || document.querySelector('dialog[open]'))
      return;
    const n = Number(e.key);
    if (this.phase() === 'choose' && Number.isInteger(n) && n >= 1 && n <= this.state.order.length) {
      e.preventDefault();
      this.onPick(this.state.order[n - 1] as number);
    }
  }

  private onPick(index: number): void {
    const before = this.state;
    this.state = lesson.pick(this.state, this.content, index);
    if (this.state === before) return;
    const table = lesson.currentTable(this.state, this.content);
    app().sound.play(index === lesson.favouriteOf(table) ? 'good' : 'try');
    this.startGrow();
    this.render();
    this.els.next.focus();
  }

  private onNext(): void {
    const before = this.state;
    this.state = lesson.advance(this.state, this.content);
    if (this.state === before) return;
    app().sound.play('tap');
    if (this.state.phase === 'done') {
      this.render();
      void this.finish();
      return;
    }
    this.render();
    (this.els.tiles.querySelector('button') as HTMLButtonElement | null)?.focus();
  }

  private async finish(): Promise<void> {
    await this.completeLevel(lesson.stars(this.state, this.content));
  }

  private render(): void {
    const c = this.content;
    const s = this.state;
    const phase = this.phase();
    const { round, sentence, instruction, tiles, next, summary } = this.els;

    this.showIntro(phase === 'intro');
    round.textContent = t('oneWord:round', {
      n: Math.min(s.picks.length + (phase === 'choose' ? 1 : 0), s.rounds) || 1,
      total: s.rounds,
    });

    // The sentence: the prompt, the words added so far, and a blank while choosing.
    const words = lesson.addedWords(s, c);
    sentence.replaceChildren(
      ...growingSentence(c.prompt, words, {
        joiner: c.joiner,
        newest: phase !== 'choose',
        blank: phase === 'choose',
      }),
    );
    if (c.joiner === '') sentence.classList.add('no-spaces');

    const table = lesson.currentTable(s, c);
    const fav = table.options[lesson.favouriteOf(table)] as lesson.WordOption;
    const picked =
      s.phase === 'choose'
        ? null
        : (table.options[s.picks[s.picks.length - 1] as number] as lesson.WordOption);
    instruction.textContent =
      phase === 'choose' || phase === 'intro'
        ? t('oneWord:choose')
        : picked === fav
          ? t('oneWord:revealFavourite', { word: fav.word })
          : t('oneWord:revealOther', { favourite: fav.word, word: picked?.word ?? '' });

    tiles.replaceChildren(
      ...s.order.map((index, pos) => {
        const option = table.options[index] as lesson.WordOption;
        const picks = {
          picked: picked === option,
          disabled: phase !== 'choose',
          onPick: () => this.onPick(index),
        };
        return wordTile({ pos, word: option.word, data: { index }, ...picks });
      }),
    );

    next.hidden = phase !== 'reveal' && phase !== 'done';
    next.disabled = phase === 'done';
    const last = s.tables.length === s.rounds && phase !== 'choose';
    next.textContent = t(last ? 'oneWord:finish' : 'oneWord:next');

    const bars = lesson.bars(s, c);
    summary.textContent =
      phase === 'reveal' || phase === 'done'
        ? t('oneWord:barsSummary', {
            list: bars.map((b) => `${b.word} ${b.p}%`).join(', '),
            word: picked?.word ?? '',
          })
        : '';
    this.publishState(phase, bars);
    this.layout();
  }

  private publishState(phase: Phase, bars: lesson.Bar[]): void {
    const c = this.content;
    const s = this.state;
    const table = lesson.currentTable(s, c);
    this.publish({
      phase,
      seed: s.seed,
      round: s.picks.length + (phase === 'choose' ? 1 : 0),
      rounds: s.rounds,
      sentence: lesson.sentence(s, c),
      options: s.order.map((i) => ({ index: i, word: (table.options[i] as lesson.WordOption).word })),
      bars: phase === 'reveal' || phase === 'done' ? bars : [],
      picks: s.picks,
      favouritesGuessed: lesson.favouritesGuessed(s, c),
      stars: lesson.stars(s, c),
    });
  }

  private startGrow(): void {
    this.growTween?.stop();
    this.grow.t = 0;
    const duration = this.motion(500);
    if (duration === 0) {
      this.grow.t = 1;
      return;
    }
    this.growTween = this.tweens.add({
      targets: this.grow,
      t: 1,
      duration,
      ease: 'Cubic.easeOut',
      onUpdate: () => this.drawBars(),
    });
  }

  protected layout(): void {
    this.drawBars();
  }

  /** The bars: the model's chance for each word, the player's pick marked by outline and tag, not colour alone. */
  private drawBars(): void {
    const g = this.graphics;
    const phase = this.phase();
    const revealed = phase === 'reveal' || phase === 'done';
    const bars = (phase === 'intro' ? [] : lesson.bars(this.state, this.content)).map((b) => ({
      label: b.word,
      value: b.p,
      text: `${b.p}%`,
      picked: b.picked,
      favourite: b.favourite,
    }));
    drawBarChart(this, g, this.labels, this.rectOf(this.els.playfield), bars, {
      grow: this.grow.t,
      hidden: !revealed,
      pickTag: t('oneWord:yourPick'),
    });
  }

  protected override shutdown(): void {
    this.growTween = null;
    this.labels = [];
  }
}

import type Phaser from 'phaser';
import { ModelLevelScene } from './ModelLevelScene';
import { drawBarChart } from '../barChart';
import { app } from '../../src/app';
import { h } from '../../src/ui/overlay';
import { barsPlayfield, growingSentence, submitForm, textInput, tokenLabel, wordTile } from '../widgets';
import { content, t, type Key } from '../../src/i18n';
import * as lesson from '../../src/lessons/nextWord';
import type { Candidate, NextWordState } from '../../src/lessons/nextWord';

/** Level "next-word": guess the model's next word, one word at a time, on the real model. */
export class NextWordScene extends ModelLevelScene {
  private state!: NextWordState;
  /** What the model returned for this round: its top words (the hook reports them as they came). */
  private top: Candidate[] = [];
  /** Told about the player's own opening: words the model does not know, or a cut to its window. */
  private prepared: { cut: number; unknown: string[] } = { cut: 0, unknown: [] };
  private message: { key: Key; params?: Record<string, string> } | null = null;
  private graphics!: Phaser.GameObjects.Graphics;
  private labels: Phaser.GameObjects.Text[] = [];
  private els!: ReturnType<NextWordScene['makeElements']>;

  constructor() {
    super('next-word');
  }

  /** A token as the tiles and bars show it: a word, a mark said in words, or the end of the story. */
  private show(token: string): string {
    return tokenLabel(this.lang, token, 'nextWord:end').text;
  }

  protected build(): void {
    this.state = lesson.start(this.lang, this.seed);
    this.top = [];
    this.message = null;
    this.graphics = this.add.graphics();
    this.els = this.makeElements();
    const e = this.els;
    this.mount(
      {
        body: e.body,
        beside: [e.round, e.score],
        start: 'nextWord:start',
        after: [e.freeForm],
      },
      () => void this.begin(null),
    );
    this.ui.listen(window, 'keydown', (ev) => this.onKey(ev));
    this.render();
  }

  private makeElements() {
    const ui = this.ui;
    const round = h('p', { class: 'round', 'data-testid': 'round' });
    const score = h('p', { class: 'round', 'data-testid': 'score' });
    const sentence = h('p', { class: 'sentence', 'data-testid': 'sentence', 'aria-live': 'polite' });
    if (this.lang === 'zh') sentence.classList.add('no-spaces');
    const instruction = h('p', { class: 'instruction', 'data-testid': 'instruction' });
    const message = h('p', { class: 'message', 'data-testid': 'message', role: 'status' });
    const { box: playfield, summary } = barsPlayfield(ui, 'nextWord:barsLabel');
    const tiles = h('div', { class: 'tiles', role: 'group', 'data-testid': 'tiles' });
    ui.attr(tiles, 'aria-label', 'nextWord:choose');
    const typed = textInput(ui, {
      testId: 'typed',
      maxlength: 60,
      label: 'nextWord:typeLabel',
      placeholder: 'nextWord:typePlaceholder',
    });
    const typeForm = submitForm(ui, {
      testId: 'type-form',
      input: typed,
      go: 'nextWord:use',
      goId: 'use',
      onSubmit: () => this.onTyped(),
    });
    const next = h('button', { type: 'button', class: 'btn btn-primary btn-next', 'data-testid': 'next' });
    ui.listen(next, 'click', () => this.onNext());
    const freeInput = textInput(ui, {
      testId: 'free-input',
      maxlength: 400,
      label: 'nextWord:free.label',
      placeholder: 'nextWord:free.placeholder',
    });
    const freeMessage = h('p', { class: 'message', 'data-testid': 'free-message', role: 'status' });
    const freeForm = h(
      'div',
      { class: 'free-form' },
      ui.text(h('p', { class: 'free-title' }), 'nextWord:free.title'),
      submitForm(ui, {
        testId: 'free-form',
        input: freeInput,
        go: 'nextWord:free.go',
        goId: 'free-go',
        onSubmit: () => void this.begin(freeInput.value),
      }),
      freeMessage,
    );
    const body = h(
      'main',
      { class: 'level-body' },
      sentence,
      instruction,
      message,
      playfield,
      tiles,
      typeForm,
      h(
        'div',
        { class: 'level-actions' },
        next,
        ui.text(h('p', { class: 'note key-hint' }), 'nextWord:keyHint'),
      ),
    );
    // prettier-ignore
    return { round, score, sentence, instruction, message, playfield, summary, tiles, typed, typeForm, next, freeForm, freeMessage, body };
  }

  protected hasProgress(): boolean {
    return this.state.results.length > 0;
  }

  /** Starts with one of the level's openings (chosen by the seed) or the player's own beginning. */
  private async begin(own: string | null): Promise<void> {
    if (this.modelPhase !== 'ready') return;
    const begun = lesson.begin(this.state, content('nextWord').openings as readonly string[], own);
    if (!begun.ok) {
      this.els.freeMessage.textContent = t(`nextWord:free.${begun.problem}`);
      return;
    }
    if (begun.state === this.state) return;
    this.state = begun.state;
    app().sound.play('tap');
    await this.think();
    if (this.state.own && this.state.phase === 'choose') {
      const { cut, unknown } = this.prepared;
      const note = lesson.openingNote(unknown, cut);
      if (note) this.message = { key: `nextWord:free.${note}`, params: { words: unknown.join(', ') } };
      this.render();
    }
  }

  /** The model reads the text; its chances for every word make this round's ranking and tiles. */
  private async think(): Promise<void> {
    this.message = null;
    this.render();
    try {
      const d = await app().model.distribution(this.state.text, lesson.TOP, { full: true });
      if (!this.sys.isActive()) return;
      this.prepared = { cut: d.cut, unknown: d.unknown };
      this.top = d.top.map((c) => ({ id: c.id, token: c.token, p: c.p }));
      this.state = lesson.offer(this.state, d.probs ?? [], this.info?.tokens ?? []);
      this.render();
      (this.els.tiles.querySelector('button') as HTMLButtonElement | null)?.focus();
    } catch {
      this.rest();
    }
  }

  private onKey(e: KeyboardEvent): void {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || document.querySelector('dialog[open]'))
      return;
    if (e.target instanceof HTMLInputElement) return;
    const tile = this.state.phase === 'choose' ? this.state.tiles[Number(e.key) - 1] : undefined;
    if (tile && /^[1-9]$/.test(e.key)) {
      e.preventDefault();
      this.onPick(tile.id);
    }
  }

  private onTyped(): void {
    if (this.state.phase !== 'choose') return;
    const typed = this.els.typed.value;
    const result = lesson.pickTyped(this.state, typed, this.vocab);
    if (!result.ok) {
      this.message = {
        key: `nextWord:problem.${result.problem}`,
        params: { word: typed.trim().slice(0, lesson.MAX_TYPED) },
      };
      app().sound.play('try');
      this.render();
      this.els.typed.focus();
      return;
    }
    this.picked(result.state);
  }

  private onPick(id: number): void {
    this.picked(lesson.pick(this.state, id));
  }

  private picked(next: NextWordState): void {
    if (next === this.state) return;
    this.state = next;
    const rating = lesson.lastResult(next)?.rating ?? 'surprising';
    this.message = { key: `nextWord:rating.${rating}` };
    this.els.typed.value = '';
    app().sound.play(lesson.isGood(rating) ? 'good' : 'try');
    this.render();
    this.els.next.focus();
  }

  private onNext(): void {
    const next = lesson.advance(this.state);
    if (next === this.state) return;
    this.state = next;
    app().sound.play('tap');
    if (next.phase === 'done') {
      this.render();
      void this.completeLevel(lesson.stars(next));
      return;
    }
    void this.think();
  }

  protected render(): void {
    const s = this.state;
    const p = s.phase;
    const e = this.els;
    const ready = this.modelPhase === 'ready';
    this.showIntro(!ready || p === 'intro');
    e.freeForm.hidden = !ready || p !== 'intro';
    const playing = ready && p !== 'intro';
    e.round.textContent = playing
      ? t('nextWord:round', { n: lesson.roundShown(s), total: lesson.ROUNDS })
      : '';
    e.score.textContent = playing
      ? t('nextWord:score', { n: lesson.totalPoints(s), max: lesson.MAX_POINTS })
      : '';

    const last = lesson.lastResult(s);
    const { before, joiner, added } = lesson.sentenceParts(s);
    e.sentence.replaceChildren(
      ...growingSentence(before, added === null ? [] : [added], {
        joiner,
        newest: true,
        blank: added === null,
      }),
    );
    e.instruction.textContent =
      p === 'thinking' ? t('nextWord:thinking') : p === 'choose' ? t('nextWord:choose') : '';
    e.message.textContent = this.message ? t(this.message.key, this.message.params) : '';
    e.tiles.replaceChildren(
      ...s.tiles.map((c, pos) => this.tile(c, pos, added !== null && last?.pick.id === c.id)),
    );
    e.typeForm.hidden = p !== 'choose';
    e.next.hidden = p !== 'reveal' && p !== 'done';
    e.next.disabled = p === 'done';
    e.next.textContent = t(lesson.isLastRound(s) ? 'nextWord:finish' : 'nextWord:next');

    const bars = lesson.revealedBars(s);
    e.summary.textContent = bars.length
      ? t('nextWord:barsSummary', {
          list: bars.map((b) => `${this.show(b.token)} ${lesson.percent(b.p)}`).join(', '),
          word: last ? this.show(last.pick.token) : '',
          p: lesson.percent(last?.pick.p ?? 0),
        })
      : '';
    this.publishState(bars);
    this.layout();
  }

  private tile(c: Candidate, pos: number, picked: boolean): HTMLButtonElement {
    const disabled = this.state.phase !== 'choose';
    const label = tokenLabel(this.lang, c.token, 'nextWord:end');
    return wordTile({
      pos,
      word: label.text,
      mark: label.mark,
      picked,
      disabled,
      data: { id: c.id },
      onPick: () => this.onPick(c.id),
    });
  }

  private publishState(bars: lesson.Bar[]): void {
    const s = this.state;
    const last = lesson.lastResult(s);
    this.publish({
      phase: this.phaseShown(s.phase),
      seed: s.seed,
      round: s.results.length,
      rounds: lesson.ROUNDS,
      text: s.text,
      backend: this.info?.backend ?? null,
      // Each tile's token and what it says (a mark in words).
      tiles: s.tiles.map((c) => ({ id: c.id, token: c.token, label: this.show(c.token) })),
      // What the model returned for this round: its top words and their probabilities.
      distribution: s.phase === 'thinking' ? [] : this.top,
      bars: bars.map((b) => ({
        id: b.id,
        token: b.token,
        label: this.show(b.token),
        p: b.p,
        picked: b.picked,
      })),
      pick: last ? { token: last.pick.token, p: last.pick.p, rank: last.rank, rating: last.rating } : null,
      ratings: lesson.ratings(s),
      points: lesson.totalPoints(s),
      stars: lesson.starsFor(lesson.ratings(s)),
      message: this.message?.key ?? null,
    });
  }

  protected layout(): void {
    if (!this.els) return;
    const bars = this.playing ? lesson.revealedBars(this.state) : [];
    drawBarChart(
      this,
      this.graphics,
      this.labels,
      this.rectOf(this.els.playfield),
      bars.map((b) => ({
        label: this.show(b.token),
        value: b.p,
        text: lesson.percent(b.p),
        picked: b.picked,
        favourite: b.favourite,
      })),
      { pickTag: t('nextWord:yourPick'), maxRow: 36 },
    );
  }

  protected override shutdown(): void {
    this.labels = [];
  }
}

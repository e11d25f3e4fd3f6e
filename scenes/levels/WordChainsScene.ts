import Phaser from 'phaser';
import { LevelScene } from './LevelScene';
import { drawBarChart, type ChartBar } from '../barChart';
import { Colors, FONT_STACK } from '../keys';
import { mix } from '../heatmap';
import { labBody, labPicture } from '../lab';
import { actionButton, rangeSlider, submitForm, textInput, wordTile } from '../widgets';
import { app } from '../../src/app';
import { h } from '../../src/ui/overlay';
import { currentLang, t } from '../../src/i18n';
import * as lesson from '../../src/lessons/wordChains';
import type { Chain, WordChainsData, WordChainsState } from '../../src/lessons/wordChains';

type Feedback =
  | { readonly key: 'right' | 'wrong' | 'tooBig' | 'tooSmall'; readonly pick: number }
  | { readonly key: 'chainRight' | 'copies' | 'chainSmall'; readonly pick: number };

type StartMessage = Exclude<lesson.StartResult['kind'], 'ok'> | null;

/** Followers shown as bars on the start step. */
const FOLLOW_BARS = 8;

/** Level "word-chains": chains of words from n-gram counts, the copies they make, and the explosion of sequences. */
export class WordChainsScene extends LevelScene {
  private counts: WordChainsData | null = null;
  private chainer: lesson.Chainer | null = null;
  private state: WordChainsState | null = null;
  private feedback: Feedback | null = null;
  private startMessage: StartMessage = null;
  private unknownWord = '';
  private graphics!: Phaser.GameObjects.Graphics;
  private labels: Phaser.GameObjects.Text[] = [];
  private pictureLabels: Phaser.GameObjects.Text[] = [];
  private els!: {
    step: HTMLElement;
    plot: HTMLElement;
    summary: HTMLElement;
    chainList: HTMLElement;
    instruction: HTMLElement;
    unitNote: HTMLElement;
    startTiles: HTMLElement;
    form: HTMLFormElement;
    input: HTMLInputElement;
    startMessage: HTMLElement;
    follows: HTMLElement;
    makeChains: HTMLButtonElement;
    chainBox: HTMLElement;
    goal: HTMLElement;
    startGoal: HTMLElement;
    slider: HTMLInputElement;
    sliderOut: HTMLElement;
    nMeaning: HTMLElement;
    pickN: HTMLButtonElement;
    hint: HTMLElement;
    tiles: HTMLElement;
    message: HTMLElement;
    next: HTMLButtonElement;
    doneBox: HTMLElement;
    donePairs: HTMLElement;
    doneTriples: HTMLElement;
    doneEmpty: HTMLElement;
    keyHint: HTMLElement;
    loading: HTMLElement;
  };

  constructor() {
    super('word-chains');
  }

  protected build(): void {
    this.counts = null;
    this.chainer = null;
    this.state = null;
    this.feedback = null;
    this.startMessage = null;
    this.unknownWord = '';
    this.labels = [];
    this.pictureLabels = [];
    this.graphics = this.add.graphics();
    const ui = this.ui;

    const step = h('p', { class: 'round', 'data-testid': 'step' });
    const { box: plot, summary } = labPicture(ui, 'wordChains:pictureLabel');
    const chainList = h('ul', { class: 'chains', 'data-testid': 'chains' });
    ui.attr(chainList, 'aria-label', 'wordChains:chainsLabel');
    const instruction = h('p', { class: 'instruction', 'data-testid': 'instruction' });
    const unitNote = ui.text(h('p', { class: 'note', 'data-testid': 'unit-note' }), 'wordChains:unitNote');
    const startTiles = h('div', { class: 'tiles', role: 'group', 'data-testid': 'starts' });
    ui.attr(startTiles, 'aria-label', 'wordChains:startsLabel');
    const input = textInput(ui, {
      testId: 'start-input',
      // Twice what is read: a pasted book is cut by the box (laying out 100,000 characters took a 70 ms
      // task on a slow machine), and the player is still told it is too long.
      maxlength: 2 * lesson.MAX_TYPED,
      label: 'wordChains:typeLabel',
      placeholder: 'wordChains:typePlaceholder',
    });
    const form = submitForm(ui, {
      testId: 'start-form',
      input,
      go: 'wordChains:use',
      goId: 'use',
      onSubmit: () => this.onType(),
    });
    const startMessage = h('p', { class: 'message', 'data-testid': 'start-message', role: 'status' });
    const follows = h('p', { class: 'readout', 'data-testid': 'follows', 'aria-live': 'polite' });
    const makeChains = actionButton(
      ui,
      'wordChains:makeChains',
      'make-chains',
      () => this.onMakeChains(),
      true,
    );

    const {
      row: sliderRow,
      input: slider,
      output: sliderOut,
    } = rangeSlider(ui, {
      id: 'chain-n',
      label: 'wordChains:nLabel',
      min: 1,
      max: lesson.MAX_N,
      step: 1,
      value: 1,
      marks: [1, 2, 3, 4],
    });
    ui.listen(slider, 'input', () => this.onN(Number(slider.value)));
    const nMeaning = h('p', { class: 'note', 'data-testid': 'n-meaning' });
    const goal = ui.text(
      h('p', { class: 'instruction', 'data-testid': 'chain-goal' }),
      'wordChains:chainGoal',
    );
    const changeStart = actionButton(ui, 'wordChains:changeStart', 'change-start', () =>
      this.onChangeStart(),
    );
    const reroll = actionButton(ui, 'wordChains:reroll', 'reroll', () => this.onReroll());
    const pickN = actionButton(ui, 'wordChains:pickN', 'pick-n', () => this.onPickN(), true);
    const chainBox = h(
      'div',
      { class: 'chain-controls' },
      sliderRow,
      nMeaning,
      h('div', { class: 'level-actions' }, changeStart, reroll, pickN),
    );

    const hint = h('p', { class: 'readout', 'data-testid': 'hint' });
    const tiles = h('div', { class: 'tiles', role: 'group', 'data-testid': 'tiles' });
    const message = h('p', { class: 'message', 'data-testid': 'message', role: 'status' });
    const next = actionButton(ui, 'wordChains:next', 'next', () => this.onNext(), true);
    const donePairs = h('p', { class: 'readout', 'data-testid': 'done-pairs' });
    const doneTriples = h('p', { class: 'readout', 'data-testid': 'done-triples' });
    const doneEmpty = h('p', { class: 'readout', 'data-testid': 'done-empty' });
    const finish = this.finishButton(() => void this.finish());
    const doneBox = h(
      'section',
      { class: 'chain-done', 'data-testid': 'done' },
      donePairs,
      doneTriples,
      doneEmpty,
      h('div', { class: 'level-actions' }, finish),
    );
    const keyHint = ui.text(h('p', { class: 'note key-hint' }), 'wordChains:keyHint');

    // The start step's instruction over the bars: on a phone the controls' pane scrolls to its button.
    const startGoal = ui.text(
      h('p', { class: 'instruction', 'data-testid': 'start-goal' }),
      'wordChains:startChoose',
    );
    const body = labBody(
      [startGoal, goal, plot, chainList],
      [
        instruction,
        startTiles,
        form,
        startMessage,
        follows,
        h('div', { class: 'level-actions make-row' }, makeChains),
        unitNote,
        chainBox,
        hint,
        tiles,
        message,
        h('div', { class: 'level-actions next-row' }, next),
        doneBox,
        keyHint,
      ],
    );
    body.classList.add('word-chains');
    const loading = ui.text(
      h('p', { class: 'note', 'data-testid': 'loading', role: 'status' }),
      'wordChains:loading',
    );
    this.els = {
      step,
      plot,
      summary,
      chainList,
      instruction,
      unitNote,
      startTiles,
      form,
      input,
      startMessage,
      follows,
      makeChains,
      chainBox,
      goal,
      startGoal,
      slider,
      sliderOut,
      nMeaning,
      pickN,
      hint,
      tiles,
      message,
      next,
      doneBox,
      donePairs,
      doneTriples,
      doneEmpty,
      keyHint,
      loading,
    };
    const start = this.mount({ body, beside: [step], start: 'wordChains:start', before: [loading] }, () =>
      this.begin(),
    );
    start.disabled = true;
    ui.listen(window, 'keydown', (e) => this.onKey(e));
    ui.onRetranslate(() => {
      if (this.state && this.state.lang !== currentLang()) this.scene.restart({ seed: this.seed });
      else this.render();
    });
    void this.loadData(start);
    this.render();
  }

  private async loadData(start: HTMLButtonElement): Promise<void> {
    try {
      const data = await this.fetchData<WordChainsData>('word-chains');
      if (data === null) return;
      // The stream's index in a task of its own (a few milliseconds), not with the file's parsing.
      await new Promise((r) => setTimeout(r, 0));
      if (!this.sys.isActive()) return;
      this.counts = data;
      this.chainer = new lesson.Chainer(lesson.Stream.of(data));
      this.state = lesson.start(data, this.seed);
      this.els.loading.hidden = true;
      start.disabled = false;
      start.focus();
    } catch (err) {
      console.warn(err);
      if (!this.sys.isActive()) return;
      this.els.loading.textContent = t('wordChains:loadFailed');
    }
    this.render();
  }

  private get phase(): lesson.Phase {
    return this.state?.phase ?? 'intro';
  }

  private begin(): void {
    if (!this.state) return;
    this.state = lesson.begin(this.state);
    app().sound.play('tap');
    this.render();
    (this.els.startTiles.querySelector('button') as HTMLButtonElement | null)?.focus();
  }

  private onKey(e: KeyboardEvent): void {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || document.querySelector('dialog[open]'))
      return;
    const target = e.target as HTMLElement | null;
    if (target && (target.tagName === 'TEXTAREA' || target.tagName === 'INPUT')) {
      // The slider takes its number keys too; a text field keeps its own.
      if (!(target === this.els.slider && /^[1-4]$/.test(e.key))) return;
    }
    const s = this.state;
    const data = this.counts;
    if (!s || !data) return;
    const k = Number(e.key);
    if (!Number.isInteger(k) || k < 1) return;
    if (s.phase === 'start' && k <= data.starts.length) {
      e.preventDefault();
      this.onStartTile(data.starts[k - 1] as string);
    } else if (s.phase === 'chain' && k <= lesson.MAX_N) {
      e.preventDefault();
      this.onN(k);
    } else if ((s.phase === 'pairs' || s.phase === 'real') && k <= 4) {
      const q = s.phase === 'pairs' ? s.pairs : s.real;
      const option = q.options[k - 1];
      if (option !== undefined && !q.solved) {
        e.preventDefault();
        this.onPick(option);
      }
    }
  }

  private onStartTile(word: string): void {
    const id = this.chainer?.stream.id(word);
    if (!this.state || id === undefined) return;
    this.setStart([id]);
  }

  private onType(): void {
    if (!this.state || !this.chainer) return;
    const r = lesson.parseStart(this.els.input.value, this.state.lang, this.chainer.stream);
    if (r.kind === 'ok') {
      this.setStart(r.ids);
      return;
    }
    // Nothing is lost: the start picked before stays, and so does what was typed.
    this.startMessage = r.kind;
    this.unknownWord = r.kind === 'unknown' ? r.word : '';
    app().sound.play('try');
    this.render();
  }

  private setStart(ids: readonly number[]): void {
    if (!this.state) return;
    const next = lesson.pickStart(this.state, ids);
    if (next === this.state) return;
    this.state = next;
    this.startMessage = null;
    app().sound.play('tap');
    this.render();
    this.els.makeChains.focus();
  }

  private onMakeChains(): void {
    if (!this.state) return;
    const next = lesson.makeChains(this.state);
    if (next === this.state) {
      this.startMessage = null;
      this.els.startMessage.textContent = t('wordChains:noStart');
      return;
    }
    this.state = next;
    this.feedback = null;
    app().sound.play('tap');
    this.render();
    this.els.slider.focus();
  }

  private onChangeStart(): void {
    if (!this.state) return;
    this.state = lesson.changeStart(this.state);
    this.feedback = null;
    this.render();
    (this.els.startTiles.querySelector('button') as HTMLButtonElement | null)?.focus();
  }

  private onN(n: number): void {
    if (!this.state) return;
    const next = lesson.setN(this.state, n);
    if (next === this.state) return;
    this.state = next;
    this.feedback = null;
    this.render();
  }

  private onReroll(): void {
    if (!this.state) return;
    this.state = lesson.reroll(this.state);
    this.feedback = null;
    app().sound.play('tap');
    this.render();
  }

  private onPickN(): void {
    if (!this.state || !this.chainer || this.state.phase !== 'chain') return;
    const { state, result } = lesson.pickN(this.state, this.chainer);
    this.state = state;
    const key = result === 'right' ? 'chainRight' : result === 'copies' ? 'copies' : 'chainSmall';
    this.feedback = { key, pick: state.n };
    app().sound.play(result === 'right' ? 'good' : 'try');
    this.render();
    if (result === 'right') (this.els.tiles.querySelector('button') as HTMLButtonElement | null)?.focus();
  }

  private onPick(option: number): void {
    const before = this.state;
    if (!before) return;
    this.state = lesson.pickOption(before, option);
    if (this.state === before) return;
    const q = this.state.phase === 'pairs' ? this.state.pairs : this.state.real;
    const key = q.solved ? 'right' : this.state.phase === 'real' && option > q.answer ? 'tooBig' : 'wrong';
    this.feedback = { key: this.state.phase === 'real' && key === 'wrong' ? 'tooSmall' : key, pick: option };
    app().sound.play(q.solved ? 'good' : 'try');
    this.render();
    if (q.solved) this.els.next.focus();
  }

  private onNext(): void {
    const before = this.state;
    if (!before) return;
    this.state = lesson.advance(before);
    if (this.state === before) return;
    this.feedback = null;
    app().sound.play('tap');
    this.render();
    if (this.state.phase === 'real')
      (this.els.tiles.querySelector('button') as HTMLButtonElement | null)?.focus();
    else (this.els.doneBox.querySelector('button') as HTMLButtonElement | null)?.focus();
  }

  private async finish(): Promise<void> {
    if (this.state?.phase === 'done') await this.completeLevel(lesson.stars(this.state));
  }

  // -------------------------------------------------------------------------------------------
  // Words and numbers as the player reads them.

  private get locale(): string {
    return currentLang() === 'zh' ? 'zh-CN' : 'en';
  }

  private number(n: number): string {
    return n.toLocaleString(this.locale);
  }

  /** A big number in words: 1.6 billion, 16亿. */
  private big(n: number): string {
    const { value, level } = lesson.inWords(n, currentLang() === 'zh' ? 'zh' : 'en');
    const shown = value.toLocaleString(this.locale);
    return level === 0 ? shown : t(`wordChains:num${level}`, { value: shown });
  }

  /** Words as the screen writes them (English names and sentence starts with a capital). */
  private join(words: readonly string[]): string {
    const lang = this.state?.lang ?? 'en';
    return lesson.joinWords(lang, lesson.shownWords(lang, words));
  }

  private wordOf(id: number): string {
    return this.chainer?.stream.word(id) ?? '';
  }

  private startText(s: WordChainsState): string {
    return lesson.joinWords(
      s.lang,
      lesson.shownWords(
        s.lang,
        s.start.map((id) => this.wordOf(id)),
        false,
      ),
    );
  }

  /** A follower as the bars and the readout write it: a mark in quotes (“.”), a name with its capital. */
  private followerText(w: string): string {
    const shown = lesson.shownWords(this.state?.lang ?? 'en', [w], false)[0] ?? w;
    return /^[\p{L}\p{Script=Han}']/u.test(w) ? shown : `“${w}”`;
  }

  /** What follows the start in the stories, most often first, with the counts. */
  private followers(s: WordChainsState): [string, number][] {
    if (!this.chainer || s.start.length === 0) return [];
    const context = s.start.slice(-(lesson.MAX_N - 1));
    return [...this.chainer.stream.followers(context)]
      .map(([id, c]) => [this.wordOf(id), c] as [string, number])
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, FOLLOW_BARS);
  }

  // -------------------------------------------------------------------------------------------
  // Rendering.

  private render(): void {
    const e = this.els;
    const s = this.state;
    const data = this.counts;
    const phase = this.phase;
    this.showIntro(phase === 'intro');
    e.plot.parentElement?.parentElement?.setAttribute('data-phase', phase);
    const stepNo = { intro: 1, start: 1, chain: 2, pairs: 3, real: 4, done: 4 }[phase];
    e.step.textContent = t('wordChains:step', { n: stepNo });
    const questions = phase === 'pairs' || phase === 'real';
    e.startTiles.hidden = phase !== 'start';
    e.form.hidden = phase !== 'start';
    e.startMessage.hidden = phase !== 'start';
    e.follows.hidden = phase !== 'start';
    e.unitNote.hidden = phase !== 'start';
    e.makeChains.parentElement?.toggleAttribute('hidden', phase !== 'start');
    e.chainBox.hidden = phase !== 'chain';
    e.chainList.hidden = phase !== 'chain';
    e.goal.hidden = phase !== 'chain';
    e.startGoal.hidden = phase !== 'start';
    e.plot.hidden = phase === 'chain';
    e.hint.hidden = phase !== 'real';
    e.tiles.hidden = !questions;
    e.next.parentElement?.toggleAttribute('hidden', !questions);
    e.doneBox.hidden = phase !== 'done';
    e.keyHint.hidden = phase === 'done';
    e.instruction.hidden = phase === 'start' || phase === 'chain' || phase === 'done';
    if (!s || !data) {
      this.layout();
      return;
    }
    const fb = this.feedback;
    e.message.textContent = '';
    if (phase === 'start') this.renderStart(s, data);
    if (phase === 'chain') this.renderChains(s);
    if (questions) {
      const q = phase === 'pairs' ? s.pairs : s.real;
      e.instruction.textContent = t(phase === 'pairs' ? 'wordChains:pairsChoose' : 'wordChains:realChoose');
      e.hint.textContent = t('wordChains:realHint', { tokens: this.big(lesson.rough(data.corpus.tokens)) });
      if (fb && (fb.key === 'right' || fb.key === 'wrong' || fb.key === 'tooBig' || fb.key === 'tooSmall')) {
        const pick = this.big(fb.pick);
        e.message.textContent =
          phase === 'pairs'
            ? fb.key === 'right'
              ? t('wordChains:pairsRight', { answer: this.big(q.answer) })
              : t('wordChains:pairsWrong', { pick })
            : fb.key === 'right'
              ? t('wordChains:realRight', { exact: this.number(data.corpus.pairs) })
              : t(fb.key === 'tooBig' ? 'wordChains:realTooBig' : 'wordChains:realTooSmall', { pick });
      }
      e.next.hidden = !q.solved;
      const last = q.tries[q.tries.length - 1];
      e.tiles.replaceChildren(
        ...q.options.map((option, pos) =>
          wordTile({
            pos,
            word: this.big(option),
            data: { pos, value: option },
            picked: option === last,
            disabled: q.solved,
            onPick: () => this.onPick(option),
          }),
        ),
      );
      e.tiles.setAttribute('aria-label', e.instruction.textContent ?? '');
    }
    if (phase === 'done') {
      const c = data.corpus;
      e.donePairs.textContent = t('wordChains:donePairs', {
        all: this.big(Number(lesson.possible(lesson.BOOK_WORDS, 2))),
        pairs: this.number(c.pairs),
      });
      e.doneTriples.textContent = t('wordChains:doneTriples', {
        all: this.big(Number(lesson.possible(lesson.BOOK_WORDS, 3))),
        triples: this.number(c.triples),
      });
      e.doneEmpty.textContent = t('wordChains:doneEmpty', {
        words: this.number(c.words),
        empty: lesson.percentDown(lesson.emptyShare(c.words, c.pairs)).toLocaleString(this.locale),
      });
    }
    const word = s.start.length > 0 ? this.startText(s) : '';
    e.plot.setAttribute(
      'aria-label',
      phase === 'start' && word ? t('wordChains:followsLabel', { word }) : t('wordChains:pictureLabel'),
    );
    e.summary.textContent =
      phase === 'start'
        ? e.follows.textContent
        : this.showsOurs(s)
          ? t('wordChains:pictureSummary', {
              all: this.big(Number(lesson.possible(lesson.BOOK_WORDS, 2))),
              pairs: this.number(data.corpus.pairs),
            })
          : '';
    this.publishState();
    this.redrawSoon();
  }

  private renderStart(s: WordChainsState, data: WordChainsData): void {
    const e = this.els;
    const word = s.start.length > 0 ? this.startText(s) : '';
    e.startTiles.replaceChildren(
      ...data.starts.map((w, pos) =>
        wordTile({
          pos,
          word: w,
          data: { pos },
          picked: word === w,
          disabled: false,
          onPick: () => this.onStartTile(w),
        }),
      ),
    );
    const m = this.startMessage;
    e.startMessage.textContent =
      m === null
        ? ''
        : m === 'unknown'
          ? t('wordChains:startUnknown', { word: this.unknownWord })
          : t(
              (
                {
                  empty: 'wordChains:startEmpty',
                  nothing: 'wordChains:startNothing',
                  tooLong: 'wordChains:startTooLong',
                  tooMany: 'wordChains:startTooMany',
                } as const
              )[m],
            );
    e.follows.textContent = word
      ? t('wordChains:follows', {
          word,
          list: this.followers(s)
            .slice(0, 5)
            .map(([w, c]) => `${this.followerText(w)} ${this.number(c)}`)
            .join(' · '),
        })
      : '';
    e.makeChains.disabled = s.start.length === 0;
  }

  private renderChains(s: WordChainsState): void {
    const e = this.els;
    const chainer = this.chainer as lesson.Chainer;
    e.slider.value = String(s.n);
    e.sliderOut.textContent = t('wordChains:nValue', { n: s.n });
    e.nMeaning.textContent =
      s.n === 1
        ? t('wordChains:nMeaningNone')
        : s.n === 2
          ? t('wordChains:nMeaningOne')
          : t('wordChains:nMeaning', { count: s.n - 1 });
    const fb = this.feedback;
    if (fb?.key === 'copies') e.message.textContent = t('wordChains:copies', { n: fb.pick });
    if (fb?.key === 'chainSmall') e.message.textContent = t('wordChains:tooSmall');
    e.chainList.classList.toggle('no-spaces', s.lang === 'zh');
    e.chainList.replaceChildren(...chainer.chains(s).map((c) => this.chainItem(c)));
  }

  /** One chain: its words, the longest copied run framed and tagged, and how much of it is copied. */
  private chainItem(c: Chain): HTMLElement {
    const words = c.ids.map((id) => this.wordOf(id));
    const { before, run, after } = lesson.chainText(this.state?.lang ?? 'en', words, c.copy);
    const length = c.copy.length;
    const all = words.length;
    return h(
      'li',
      {
        class: `chain${c.copied ? ' chain-copied' : ''}`,
        'data-testid': 'chain',
        'data-copied': c.copied ? 'true' : 'false',
      },
      h(
        'p',
        { class: 'chain-words' },
        before,
        h(
          'mark',
          {
            class: 'chain-copy',
            'data-testid': 'copy',
            'aria-label': t('wordChains:copyAria', { text: run }),
          },
          h('span', { class: 'copy-tag', 'aria-hidden': 'true' }, t('wordChains:copyTag')),
          run,
        ),
        after,
      ),
      h(
        'p',
        { class: 'chain-stamp', 'data-testid': 'stamp' },
        t(c.copied ? 'wordChains:copiedStamp' : 'wordChains:notCopiedStamp', { count: length, all }),
      ),
    );
  }

  private publishState(): void {
    const s = this.state;
    const data = this.counts;
    const chainer = this.chainer;
    if (!s || !data || !chainer) {
      this.publish({ phase: 'intro', loaded: false });
      return;
    }
    const chaining = s.phase === 'chain' && s.start.length > 0;
    const shown = (c: Chain) => ({
      words: c.ids.map((id) => this.wordOf(id)),
      copy: c.copy,
      copied: c.copied,
    });
    this.publish({
      phase: s.phase,
      loaded: true,
      lang: s.lang,
      seed: s.seed,
      start: s.start.map((id) => this.wordOf(id)),
      startMessage: this.startMessage,
      followers: this.followers(s),
      n: s.n,
      chains: chaining ? chainer.chains(s).map(shown) : [],
      copying: chaining ? chainer.copying(s) : [],
      answerN: chaining ? chainer.answer(s) : null,
      picks: s.picks,
      pairs: s.pairs,
      real: s.real,
      corpus: data.corpus,
      firstTries: lesson.firstTries(s),
      stars: lesson.stars(s),
    });
  }

  // -------------------------------------------------------------------------------------------
  // The canvas: the start word's followers as bars, then the explosion.

  /** Whether the picture shows our stories' pairs (once the player has guessed them). */
  private showsOurs(s: WordChainsState): boolean {
    return (s.phase === 'real' && s.real.solved) || s.phase === 'done';
  }

  protected layout(): void {
    const g = this.graphics;
    if (!g) return;
    const s = this.state;
    const data = this.counts;
    const area = this.els ? this.rectOf(this.els.plot) : null;
    const hideAll = () => {
      g.clear();
      for (const l of [...this.labels, ...this.pictureLabels]) l.setVisible(false);
    };
    if (!s || !data || !area || !this.playing || this.els.plot.hidden) {
      hideAll();
      return;
    }
    if (s.phase === 'start') {
      this.hidePicture();
      const bars: ChartBar[] = this.followers(s).map(([w, c]) => ({
        label: this.followerText(w),
        value: c,
        text: this.number(c),
      }));
      drawBarChart(this, g, this.labels, area, bars, { maxRow: 44 });
      return;
    }
    if (s.phase === 'pairs' || s.phase === 'real' || s.phase === 'done') {
      drawBarChart(this, g, this.labels, new Phaser.Geom.Rectangle(0, 0, 0, 0), []);
      this.drawExplosion(g, area, s, data);
      return;
    }
    hideAll();
  }

  private hidePicture(): void {
    for (const l of this.pictureLabels) l.setVisible(false);
  }

  /**
   * The explosion, drawn for a child: the table of all pairs of 40,000 words as a big square of
   * boxes, and in its corner the real size of what our stories have (a dot, ringed so it can be
   * found; its area is to scale). At the end, beside it, the triples: a dot too small to see.
   */
  private drawExplosion(
    g: Phaser.GameObjects.Graphics,
    area: Phaser.Geom.Rectangle,
    s: WordChainsState,
    data: WordChainsData,
  ): void {
    g.clear();
    let used = 0;
    const label = (
      x: number,
      y: number,
      text: string,
      o: { size: number; bold?: boolean; origin?: [number, number]; angle?: number; wrap?: number },
    ) => {
      let l = this.pictureLabels[used];
      if (!l) {
        l = this.add.text(0, 0, '', {
          fontFamily: FONT_STACK,
          color: '#1b2a3a',
          resolution: window.devicePixelRatio || 1,
        });
        this.pictureLabels.push(l);
      }
      used++;
      if (l.style.fontSize !== `${o.size}px`) l.setFontSize(o.size);
      const weight = o.bold ? 'bold' : 'normal';
      if (l.style.fontStyle !== weight) l.setFontStyle(weight);
      l.setWordWrapWidth(o.wrap ?? 0, true);
      if (l.text !== text) l.setText(text);
      return l
        .setAngle(o.angle ?? 0)
        .setPosition(x, y)
        .setOrigin(...(o.origin ?? [0.5, 0.5]))
        .setVisible(true);
    };
    const both = s.phase === 'done';
    // Each panel: its title and the across label over the square, the down label left of it, our
    // stories' line under it. Two panels side by side or one above the other, whichever draws bigger.
    const fit = (p: Phaser.Geom.Rectangle) => {
      const titleSize = Math.max(13, Math.min(20, Math.round(p.width / 22)));
      const small = Math.max(12, titleSize - 3);
      const top = titleSize * 1.8 + small * 1.4;
      const side = Math.floor(Math.min(p.width - small * 3, p.height - top - small * 3.4));
      return { p, titleSize, small, top, side };
    };
    const split = (horizontal: boolean) =>
      horizontal
        ? [
            new Phaser.Geom.Rectangle(area.x, area.y, area.width / 2, area.height),
            new Phaser.Geom.Rectangle(area.x + area.width / 2, area.y, area.width / 2, area.height),
          ]
        : [
            new Phaser.Geom.Rectangle(area.x, area.y, area.width, area.height / 2),
            new Phaser.Geom.Rectangle(area.x, area.y + area.height / 2, area.width, area.height / 2),
          ];
    const sideBySide = split(true).map(fit);
    const stacked = split(false).map(fit);
    const panels = !both
      ? [fit(area)]
      : (sideBySide[0]?.side ?? 0) >= (stacked[0]?.side ?? 0)
        ? sideBySide
        : stacked;
    const c = data.corpus;
    const all2 = Number(lesson.possible(lesson.BOOK_WORDS, 2));
    const all3 = Number(lesson.possible(lesson.BOOK_WORDS, 3));
    const items = [
      {
        title: t('wordChains:tablePairs'),
        down: t('wordChains:tableDown'),
        across: t('wordChains:tableAcross'),
        known: s.pairs.solved,
        all: all2,
        ours: this.showsOurs(s) ? c.pairs : null,
      },
      {
        title: t('wordChains:tableTriples'),
        down: t('wordChains:tableDown3'),
        across: t('wordChains:tableAcross3'),
        known: both,
        all: all3,
        ours: both ? c.triples : null,
      },
    ].slice(0, panels.length);
    items.forEach((item, i) => {
      const { p, titleSize, small, top, side } = panels[i] as (typeof panels)[number];
      if (side < 40) return;
      const x0 = p.x + small * 1.8 + (p.width - small * 1.8 - side) / 2;
      // Centred in the panel's height: what is left over goes above and below.
      const dy0 = Math.max(0, (p.height - top - side - small * 3.4) / 2);
      const y0 = p.y + dy0 + top;
      label(p.x + p.width / 2, p.y + dy0 + titleSize * 0.9, item.title, { size: titleSize, bold: true });
      label(x0, y0 - small * 0.7, item.across, { size: small, origin: [0, 0.5] });
      label(x0 - small * 0.8, y0, item.down, { size: small, origin: [1, 0.5], angle: -90 });
      // The table: a square of boxes, faint lines every tenth.
      g.fillStyle(mix(0xffffff, Colors.sky, 0.28), 1);
      g.fillRect(x0, y0, side, side);
      g.lineStyle(1, mix(0xffffff, Colors.blue, 0.35), 1);
      for (let k = 1; k < 10; k++) {
        g.lineBetween(x0 + (k * side) / 10, y0, x0 + (k * side) / 10, y0 + side);
        g.lineBetween(x0, y0 + (k * side) / 10, x0 + side, y0 + (k * side) / 10);
      }
      g.lineStyle(3, Colors.ink, 1);
      g.strokeRect(x0, y0, side, side);
      const bigSize = Math.max(18, Math.min(40, Math.round(side / 8)));
      label(x0 + side / 2, y0 + side / 2, item.known ? this.big(item.all) : '?', {
        size: bigSize,
        bold: true,
        wrap: side - 16,
      });
      if (item.ours === null) return;
      // Our stories: a square whose area is to scale (at least 3 px, so there is something to see), ringed.
      const dot = Math.max(3, side * Math.sqrt(item.ours / item.all));
      const dx = x0 + 10;
      const dy = y0 + 10;
      g.fillStyle(Colors.orange, 1);
      g.fillRect(dx, dy, dot, dot);
      g.lineStyle(1, Colors.ink, 1);
      g.strokeRect(dx, dy, dot, dot);
      g.lineStyle(3, Colors.ink, 1);
      g.strokeCircle(dx + dot / 2, dy + dot / 2, Math.max(12, dot));
      // Its line under the square, after a ring like the one around the dot.
      const tiny = side * Math.sqrt(item.ours / item.all) < 1;
      const text = t('wordChains:ours', { count: this.number(item.ours) });
      g.strokeCircle(x0 + small * 0.55, y0 + side + small * 1.2, small * 0.45);
      label(
        x0 + small * 1.4,
        y0 + side + small * 0.45,
        tiny ? `${text} ${t('wordChains:tooSmallToSee')}` : text,
        { size: small, bold: true, origin: [0, 0], wrap: p.right - x0 - small * 1.6 },
      );
    });
    for (const l of this.pictureLabels.slice(used)) l.setVisible(false);
  }

  protected override shutdown(): void {
    this.labels = [];
    this.pictureLabels = [];
  }
}

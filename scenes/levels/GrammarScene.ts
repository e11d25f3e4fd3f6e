import type Phaser from 'phaser';
import { ModelLevelScene } from './ModelLevelScene';
import { drawBarChart } from '../barChart';
import { labPicture } from '../lab';
import { actionButton, submitForm, textInput } from '../widgets';
import { app } from '../../src/app';
import { h } from '../../src/ui/overlay';
import { content, t, type Key } from '../../src/i18n';
import * as lesson from '../../src/lessons/grammar';
import type { Basket, GrammarState, Pool } from '../../src/lessons/grammar';
import {
  LEXICON,
  bracketed,
  clauseDepth,
  expected,
  isComplete,
  toTree,
  type Cat,
  type Refusal,
  type Tree,
} from '../../src/lessons/sentenceGrammar';
import { check, type Closer } from '../../src/lessons/brackets';
import { shownToken } from '../../src/lessons/nextWord';
import { SPECIALS, UNK } from '../../src/lm/tokenizer';

/** Each basket's sign: a shape and a border style besides its colour (never colour alone). */
const SIGN: Record<Basket, string> = { sense: '✓', nonsense: '?', broken: '✗', untrue: '☁' };

const STEP: Partial<Record<lesson.Phase, number>> = {
  sort: 1,
  measure: 2,
  guess: 2,
  meter: 2,
  build: 3,
  brackets: 4,
  done: 4,
};

/** Level "grammar": grammar and meaning are two things; our model's surprise meter; sentences and brackets that nest. */
export class GrammarScene extends ModelLevelScene {
  private state!: GrammarState;
  private message: { key: Key; params?: Record<string, string | number> } | null = null;
  private ownMessage: { key: Key; params?: Record<string, string | number> } | null = null;
  private ownBusy = false;
  private graphics!: Phaser.GameObjects.Graphics;
  private wordGraphics!: Phaser.GameObjects.Graphics;
  private labels: Phaser.GameObjects.Text[] = [];
  private wordLabels: Phaser.GameObjects.Text[] = [];
  private els!: ReturnType<GrammarScene['makeElements']>;

  constructor() {
    super('grammar');
  }

  protected build(): void {
    this.state = lesson.start(this.lang, this.seed);
    this.message = null;
    this.ownMessage = null;
    this.ownBusy = false;
    this.labels = [];
    this.wordLabels = [];
    this.graphics = this.add.graphics();
    this.wordGraphics = this.add.graphics();
    this.els = this.makeElements();
    this.mount({ body: this.els.body, beside: [this.els.step], start: 'grammar:start' }, () => this.begin());
    this.ui.listen(window, 'keydown', (ev) => this.onKey(ev));
    this.render();
  }

  private makeElements() {
    const ui = this.ui;
    const step = h('p', { class: 'round', 'data-testid': 'step' });
    const instruction = h('p', { class: 'instruction', 'data-testid': 'instruction', 'aria-live': 'polite' });
    const sentence = h('p', { class: 'sentence', 'data-testid': 'sentence', 'aria-live': 'polite' });
    const count = h('p', { class: 'note', 'data-testid': 'sort-count' });
    const baskets = h('div', { class: 'baskets', role: 'group', 'data-testid': 'baskets' });
    ui.attr(baskets, 'aria-label', 'grammar:basketsLabel');
    const basketButtons = lesson.BASKETS.map((b, i) => {
      const button = h(
        'button',
        {
          type: 'button',
          class: `basket basket-${b}`,
          'data-testid': `basket-${b}`,
          'aria-keyshortcuts': String(i + 1),
        },
        h('span', { class: 'basket-sign', 'aria-hidden': 'true' }, SIGN[b]),
        h(
          'span',
          { class: 'basket-text' },
          ui.text(h('span', { class: 'basket-name' }), `grammar:basket.${b}`),
          ui.text(h('span', { class: 'basket-hint' }), `grammar:basketHint.${b}`),
        ),
        h('span', { class: 'tile-key', 'aria-hidden': 'true' }, String(i + 1)),
      );
      ui.listen(button, 'click', () => this.onBasket(b));
      baskets.append(button);
      return button;
    });
    const message = h('p', { class: 'message', 'data-testid': 'message', role: 'status' });
    const keyHint = ui.text(h('p', { class: 'note key-hint' }), 'grammar:keyHint');

    // The meter.
    const guessResult = h('p', { class: 'readout', 'data-testid': 'guess-result' });
    const { box: meter, summary: meterSummary } = labPicture(ui, 'grammar:meterLabel', {
      testId: 'meter',
      summaryId: 'meter-summary',
      kind: 'playfield-meter',
    });
    const verdict = h('p', { class: 'readout', 'data-testid': 'verdict' });
    const miss = h('p', { class: 'readout', 'data-testid': 'miss' });
    const untrue = h('p', { class: 'readout', 'data-testid': 'untrue' });
    const unitNote = ui.text(h('p', { class: 'note' }), 'grammar:unitNote');
    const sentenceList = h('div', {
      class: 'tiles grammar-sentences',
      role: 'group',
      'data-testid': 'sentences',
    });
    ui.attr(sentenceList, 'aria-label', 'grammar:sentencesLabel');
    const sentencesTitle = ui.text(h('p', { class: 'instruction' }), 'grammar:sentencesLabel');
    const { box: words, summary: wordsSummary } = labPicture(ui, 'grammar:wordsLabel', {
      testId: 'words',
      summaryId: 'words-summary',
      kind: 'playfield-words',
    });
    const ownInput = textInput(ui, {
      testId: 'own-input',
      // A box of 400 characters at most: far past what the meter reads, short enough to draw fast.
      maxlength: lesson.OWN_BOX,
      label: 'grammar:ownLabel',
      placeholder: 'grammar:ownPlaceholder',
    });
    const ownForm = submitForm(ui, {
      testId: 'own-form',
      input: ownInput,
      go: 'grammar:ownGo',
      goId: 'own-go',
      onSubmit: () => void this.onOwn(),
    });
    const ownTitle = ui.text(h('p', { class: 'instruction' }), 'grammar:ownTitle');
    const ownMessage = h('p', { class: 'message', 'data-testid': 'own-message', role: 'status' });
    const peak = h('p', { class: 'readout', 'data-testid': 'peak' });
    const tokenNote = ui.text(h('p', { class: 'note' }), 'grammar:tokenNote');
    const toBuild = actionButton(ui, 'grammar:toBuild', 'to-build', () => this.onToBuild(), true);
    const meterBox = h(
      'section',
      { class: 'grammar-step', 'data-testid': 'meter-step' },
      guessResult,
      meter,
      verdict,
      miss,
      untrue,
      unitNote,
      sentencesTitle,
      sentenceList,
      ownTitle,
      ownForm,
      ownMessage,
      words,
      peak,
      tokenNote,
      h('div', { class: 'level-actions' }, toBuild),
    );

    // Building.
    const buildGoal = ui.text(h('p', { class: 'instruction' }), 'grammar:buildGoal');
    const tree = h('div', { class: 'sentence tree', 'data-testid': 'tree', role: 'group' });
    ui.attr(tree, 'aria-label', 'grammar:treeLabel');
    if (this.lang === 'zh') tree.classList.add('no-spaces');
    const cards = h('div', { class: 'tiles cards', role: 'group', 'data-testid': 'cards' });
    ui.attr(cards, 'aria-label', 'grammar:cardsLabel');
    for (const card of LEXICON[this.lang]) {
      const b = h(
        'button',
        { type: 'button', class: `tile card-${card.cat}`, 'data-testid': 'card', 'data-word': card.word },
        card.word,
      );
      if (card.cat === 'end') ui.attr(b, 'aria-label', 'common:mark.fullStop', { mark: card.word });
      ui.listen(b, 'click', () => this.onCard(card.word));
      cards.append(b);
    }
    const buildMessage = h('p', { class: 'message', 'data-testid': 'build-message', role: 'status' });
    const undo = actionButton(ui, 'grammar:undo', 'undo', () => this.onUndo());
    const clearAll = actionButton(ui, 'grammar:clear', 'clear', () => this.onClear());
    const toBrackets = actionButton(ui, 'grammar:toBrackets', 'to-brackets', () => this.onToBrackets(), true);
    const buildBox = h(
      'section',
      { class: 'grammar-step', 'data-testid': 'build-step' },
      buildGoal,
      tree,
      buildMessage,
      cards,
      h('div', { class: 'level-actions' }, undo, clearAll, toBrackets),
    );

    // Brackets.
    const bracketsGoal = ui.text(h('p', { class: 'instruction' }), 'grammar:bracketsGoal');
    const round = h('p', { class: 'note', 'data-testid': 'bracket-round' });
    const bracketsView = h('p', { class: 'sentence brackets', 'data-testid': 'brackets', role: 'img' });
    const depth = h('p', { class: 'readout', 'data-testid': 'depth' });
    const closeRound = actionButton(ui, 'grammar:closeRound', 'close-round', () => this.onClose(')'));
    const closeSquare = actionButton(ui, 'grammar:closeSquare', 'close-square', () => this.onClose(']'));
    closeRound.setAttribute('aria-keyshortcuts', ')');
    closeSquare.setAttribute('aria-keyshortcuts', ']');
    const bracketMessage = h('p', { class: 'message', 'data-testid': 'bracket-message', role: 'status' });
    const nextRound = actionButton(ui, 'grammar:nextRound', 'next-round', () => this.onNextRound(), true);
    const bracketKeys = ui.text(h('p', { class: 'note key-hint' }), 'grammar:bracketKeys');
    const bracketsBox = h(
      'section',
      { class: 'grammar-step', 'data-testid': 'brackets-step' },
      bracketsGoal,
      round,
      bracketsView,
      depth,
      h('div', { class: 'level-actions closers' }, closeRound, closeSquare),
      bracketMessage,
      h('div', { class: 'level-actions' }, nextRound),
      bracketKeys,
    );

    const finish = this.finishButton(() => void this.finish());
    const doneBox = h(
      'section',
      { class: 'grammar-step', 'data-testid': 'done' },
      ui.text(h('p', { class: 'readout' }), 'grammar:bookPoint'),
      ui.text(h('p', { class: 'readout' }), 'grammar:bookBrackets'),
      h('div', { class: 'level-actions' }, finish),
    );

    const sortBox = h('section', { class: 'grammar-step', 'data-testid': 'sort-step' }, sentence, count);
    const body = h(
      'main',
      { class: 'level-body level-scroll grammar' },
      instruction,
      sortBox,
      baskets,
      message,
      keyHint,
      meterBox,
      buildBox,
      bracketsBox,
      doneBox,
    );
    // prettier-ignore
    return { body, step, instruction, sortBox, sentence, count, baskets, basketButtons, message, keyHint, meterBox, guessResult, meter, meterSummary, verdict, miss, untrue, sentenceList, ownInput, ownMessage, words, wordsSummary, peak, toBuild, buildBox, tree, cards, buildMessage, undo, clearAll, toBrackets, bracketsBox, round, bracketsView, depth, closeRound, closeSquare, bracketMessage, nextRound, doneBox, finish };
  }

  protected hasProgress(): boolean {
    return this.state.phase !== 'intro';
  }

  private begin(): void {
    if (this.modelPhase !== 'ready' || this.state.phase !== 'intro') return;
    this.state = lesson.begin(this.state, content('grammar').sentences as Pool);
    app().sound.play('tap');
    this.message = null;
    this.render();
    this.els.basketButtons[0]?.focus();
  }

  private onKey(e: KeyboardEvent): void {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || document.querySelector('dialog[open]'))
      return;
    const p = this.state.phase;
    if ((p === 'sort' || p === 'guess') && /^[1-4]$/.test(e.key)) {
      e.preventDefault();
      this.onBasket(lesson.BASKETS[Number(e.key) - 1] as Basket);
    } else if (p === 'brackets' && (e.key === ')' || e.key === ']')) {
      e.preventDefault();
      this.onClose(e.key);
    }
  }

  private onBasket(b: Basket): void {
    const s = this.state;
    if (s.phase === 'guess') {
      this.state = lesson.makeGuess(s, b);
      app().sound.play('tap');
      this.message = null;
      this.render();
      this.els.sentenceList.querySelector('button')?.focus();
      return;
    }
    const item = lesson.current(s);
    if (!item) return;
    const next = lesson.sortInto(s, b);
    if (next === s) return;
    this.state = next;
    if (next.tries.length > s.tries.length) {
      this.message = { key: `grammar:wrongHint.${item.basket}`, params: { pick: t(`grammar:basket.${b}`) } };
      app().sound.play('try');
    } else {
      this.message = {
        key: 'grammar:sortRight',
        params: { text: item.text, basket: t(`grammar:basket.${b}`) },
      };
      app().sound.play('good');
    }
    this.render();
    if (next.phase === 'measure') void this.measure();
  }

  /** The model reads each sentence of the game, one after another, in its worker. */
  private async measure(): Promise<void> {
    try {
      for (const i of lesson.unmeasured(this.state)) {
        const item = this.state.items[i] as lesson.SortItem;
        const out = await app().model.surprise(item.text);
        if (!this.sys.isActive()) return;
        this.state = lesson.scored(this.state, i, { tokens: out.tokens, p: out.p });
        this.render();
      }
      this.els.basketButtons[0]?.focus();
    } catch {
      this.rest();
    }
  }

  private onView(i: number): void {
    this.state = lesson.view(this.state, i);
    this.render();
  }

  /** The player's own sentence: checked, then read by the model; nothing typed is lost. */
  private async onOwn(): Promise<void> {
    if (this.state.phase !== 'meter' || this.ownBusy) return;
    const checked = lesson.checkOwn(this.els.ownInput.value);
    if (!checked.ok) {
      this.ownMessage = { key: `grammar:own.${checked.problem}`, params: { max: lesson.MAX_OWN } };
      app().sound.play('try');
      this.render();
      return;
    }
    this.ownBusy = true;
    try {
      const out = await app().model.surprise(checked.text);
      if (!this.sys.isActive()) return;
      this.state = lesson.ownScored(this.state, {
        text: checked.text,
        tokens: out.tokens,
        p: out.p,
        unknown: out.unknown,
      });
      this.ownMessage = out.unknown.length
        ? { key: 'grammar:own.unknown', params: { words: out.unknown.join(t('grammar:wordJoiner')) } }
        : null;
      app().sound.play('tap');
      this.render();
    } catch {
      this.rest();
    } finally {
      this.ownBusy = false;
    }
  }

  private onToBuild(): void {
    this.state = lesson.toBuild(this.state);
    this.render();
    this.els.cards.querySelector('button')?.focus();
  }

  private onCard(word: string): void {
    const before = this.state;
    this.state = lesson.addCard(before, word);
    if (this.state === before) return;
    app().sound.play(this.state.refused ? 'try' : lesson.buildWon(this.state) ? 'good' : 'tap');
    this.render();
    if (lesson.buildWon(this.state)) this.els.toBrackets.focus();
  }

  private onUndo(): void {
    this.state = lesson.undoCard(this.state);
    this.render();
  }

  private onClear(): void {
    this.state = lesson.clearCards(this.state);
    this.render();
  }

  private onToBrackets(): void {
    this.state = lesson.toBrackets(this.state);
    this.render();
    this.els.closeRound.focus();
  }

  private onClose(ch: Closer): void {
    const before = this.state;
    this.state = lesson.close(before, ch);
    if (this.state === before) return;
    const r = this.state.brackets;
    app().sound.play(r.wrong ? 'try' : check(r.start + r.typed).balanced ? 'good' : 'tap');
    this.render();
    if (check(r.start + r.typed).balanced) this.els.nextRound.focus();
  }

  private onNextRound(): void {
    this.state = lesson.nextRound(this.state);
    app().sound.play('tap');
    this.render();
    if (this.state.phase === 'done') this.els.finish.focus();
    else this.els.closeRound.focus();
  }

  private async finish(): Promise<void> {
    if (this.state.phase === 'done') await this.completeLevel(lesson.stars(this.state));
  }

  private basketName(b: Basket): string {
    return t(`grammar:basket.${b}`);
  }

  /** A token as the meter shows it: a word, or a mark said in words. */
  private show(token: string): string {
    if (token === SPECIALS[UNK]) return '?';
    const shown = shownToken(this.lang, token);
    if (shown.kind === 'mark') return shown.mark;
    return shown.kind === 'word' ? shown.text : token;
  }

  /** The kinds of word that may come next, in words. */
  private catList(cats: readonly Cat[]): string {
    return cats.map((c) => t(`grammar:cat.${c}`)).join(t('grammar:listJoiner'));
  }

  private refusalText(r: Refusal): string {
    if (r.kind === 'finished') return t('grammar:refuse.finished');
    if (r.kind === 'notHere')
      return t('grammar:refuse.notHere', {
        word: r.word,
        list: this.catList(r.expected),
      });
    if (r.kind === 'measure') return t('grammar:refuse.measure', { noun: r.noun, cl: r.cl, right: r.right });
    return t(`grammar:refuse.${r.kind}`, { det: r.det, noun: r.noun });
  }

  protected render(): void {
    const s = this.state;
    const p = s.phase;
    const e = this.els;
    const ready = this.modelPhase === 'ready';
    this.showIntro(!ready || p === 'intro');
    const n = STEP[p];
    e.step.textContent = ready && n ? t('grammar:step', { n }) : '';

    // Sorting and guessing.
    const item = lesson.current(s);
    e.sortBox.hidden = p !== 'sort';
    e.sentence.textContent = item?.text ?? '';
    e.count.textContent = item ? t('grammar:sortCount', { n: s.at + 1, total: s.items.length }) : '';
    e.baskets.hidden = p !== 'sort' && p !== 'guess';
    e.keyHint.hidden = e.baskets.hidden;
    e.basketButtons.forEach((b, i) => {
      const basket = lesson.BASKETS[i] as Basket;
      const tried = s.tries.includes(basket);
      b.disabled = tried;
      b.classList.toggle('basket-tried', tried);
    });
    const todo = lesson.unmeasured(s).length;
    e.instruction.textContent =
      p === 'sort'
        ? t('grammar:sortChoose')
        : p === 'measure'
          ? t('grammar:measuring', { done: s.items.length - todo, total: s.items.length })
          : p === 'guess'
            ? t('grammar:guessChoose')
            : '';
    e.instruction.hidden = e.instruction.textContent === '';
    e.message.hidden = p !== 'sort' && p !== 'measure';
    e.message.textContent = this.message ? t(this.message.key, this.message.params) : '';

    this.renderMeter();
    this.renderBuild();
    this.renderBrackets();
    e.doneBox.hidden = p !== 'done';
    this.publishState();
    this.layout();
  }

  private renderMeter(): void {
    const s = this.state;
    const e = this.els;
    e.meterBox.hidden = s.phase !== 'meter';
    if (s.phase !== 'meter') return;
    const means = lesson.basketMeans(s.items, s.scores);
    const most = lesson.mostSurprising(means);
    e.guessResult.textContent = t('grammar:guessResult', {
      guess: this.basketName(s.guess ?? most),
      most: this.basketName(most),
    });
    e.meterSummary.textContent = t('grammar:meterSummary', {
      list: lesson.BASKETS.map(
        (b) => `${this.basketName(b)} ${t('grammar:bitsValue', { bits: means[b].toFixed(1) })}`,
      ).join(', '),
    });
    const wrongPair = lesson.EXPECTED.find(([lo, hi]) => means[lo] >= means[hi]);
    e.verdict.textContent = wrongPair
      ? t('grammar:outOfOrder', { low: this.basketName(wrongPair[0]), high: this.basketName(wrongPair[1]) })
      : t('grammar:inOrder');
    const miss = lesson.worstMiss(s.items, s.scores);
    e.miss.textContent = miss
      ? t('grammar:miss', {
          low: (s.items[miss.low] as lesson.SortItem).text,
          lowBasket: this.basketName((s.items[miss.low] as lesson.SortItem).basket),
          high: (s.items[miss.high] as lesson.SortItem).text,
          highBasket: this.basketName((s.items[miss.high] as lesson.SortItem).basket),
        })
      : t('grammar:noMiss');
    // The meter's rows are smaller on a phone (see layout): its box is as tall as its four rows.
    e.meter.style.height = `${4 * this.meterRow() + 12}px`;
    e.untrue.textContent = t(lesson.untrueLikeSense(means) ? 'grammar:untrueLike' : 'grammar:untrueUnlike');
    const shown: { text: string; basket: Basket | null }[] = [
      ...s.items,
      ...(s.own ? [{ text: s.own.text, basket: null }] : []),
    ];
    if (e.sentenceList.childElementCount !== shown.length)
      e.sentenceList.replaceChildren(
        ...shown.map((it, i) => {
          const b = h(
            'button',
            {
              type: 'button',
              class: `tile sentence-tile basket-${it.basket ?? 'own'}`,
              'data-testid': it.basket ? 'sentence-tile' : 'own-tile',
              'data-i': i,
            },
            h('span', { class: 'basket-sign', 'aria-hidden': 'true' }, it.basket ? SIGN[it.basket] : '✎'),
            h('span', {}, it.text),
          );
          b.addEventListener('click', () => this.onView(i));
          return b;
        }),
      );
    [...e.sentenceList.children].forEach((b, i) => {
      b.setAttribute('aria-pressed', i === s.viewing ? 'true' : 'false');
      b.classList.toggle('tile-picked', i === s.viewing);
    });
    e.ownMessage.textContent = this.ownMessage ? t(this.ownMessage.key, this.ownMessage.params) : '';
    const sc = lesson.viewed(s);
    if (sc) {
      e.wordsSummary.textContent = t('grammar:wordsSummary', {
        list: sc.tokens
          .map((tok, i) => `${this.show(tok)} ${lesson.bits(sc.p[i] as number).toFixed(1)}`)
          .join(', '),
      });
      e.peak.textContent = t('grammar:peak', { word: this.show(sc.tokens[lesson.peak(sc)] as string) });
      e.words.style.height = `${Math.max(140, sc.tokens.length * 30)}px`;
    }
  }

  /** The sentence as boxes in boxes: each clause a box around its words (English with spaces between). */
  private renderTree(tree: Tree): (HTMLElement | string)[] {
    const joiner = this.lang === 'en' ? ' ' : '';
    return tree.flatMap((node, i) => [
      ...(i > 0 && joiner ? [joiner] : []),
      typeof node === 'string'
        ? h('span', { class: 'tree-word' }, node)
        : h('span', { class: 'tree-clause', 'data-testid': 'clause' }, ...this.renderTree(node)),
    ]);
  }

  private renderBuild(): void {
    const s = this.state;
    const e = this.els;
    e.buildBox.hidden = s.phase !== 'build';
    if (s.phase !== 'build') return;
    const pieces = bracketed(s.parse);
    const won = lesson.buildWon(s);
    e.tree.replaceChildren(
      ...(s.parse.words.length
        ? this.renderTree(toTree(pieces))
        : [h('span', { class: 'blank' }, t('grammar:treeEmpty'))]),
    );
    const depth = clauseDepth(pieces);
    e.buildMessage.textContent = s.refused
      ? this.refusalText(s.refused)
      : won
        ? t(depth > 1 ? 'grammar:buildWonDeep' : 'grammar:buildWon', { depth })
        : lesson.buildNeedsClause(s)
          ? t('grammar:needsClause')
          : t('grammar:nextCan', { list: this.catList(expected(s.parse)) });
    e.buildMessage.classList.toggle('message-wrong', s.refused !== null);
    for (const b of e.cards.querySelectorAll('button')) b.disabled = won;
    e.undo.disabled = s.parse.words.length === 0;
    e.clearAll.disabled = s.parse.words.length === 0;
    e.toBrackets.hidden = !won;
  }

  private renderBrackets(): void {
    const s = this.state;
    const e = this.els;
    e.bracketsBox.hidden = s.phase !== 'brackets';
    if (s.phase !== 'brackets') return;
    const r = s.brackets;
    const all = r.start + r.typed;
    const c = check(all);
    e.round.textContent = t('grammar:roundCount', { n: s.round + 1 });
    let d = 0;
    e.bracketsView.replaceChildren(
      ...[...all].map((ch, i) => {
        const opening = ch === '(' || ch === '[';
        const level = opening ? ++d : d--;
        return h(
          'span',
          { class: `br br-${Math.min(level, 7)}${i >= r.start.length ? ' br-typed' : ''}` },
          ch,
        );
      }),
      ...(c.balanced ? [] : [h('span', { class: 'blank', 'aria-hidden': 'true' }, ' _')]),
    );
    e.bracketsView.setAttribute('aria-label', all.split('').join(' '));
    e.depth.textContent = t('grammar:depth', { depth: c.depth });
    e.bracketMessage.textContent = c.balanced
      ? t('grammar:bracketRight', { depth: c.depth })
      : r.wrong
        ? t('grammar:bracketWrong', { ch: r.wrong })
        : '';
    e.closeRound.disabled = c.balanced;
    e.closeSquare.disabled = c.balanced;
    e.nextRound.hidden = !c.balanced;
  }

  private publishState(): void {
    const s = this.state;
    const means = lesson.basketMeans(s.items, s.scores);
    const pieces = bracketed(s.parse);
    this.publish({
      phase: this.phaseShown(s.phase),
      seed: s.seed,
      items: s.items,
      at: s.at,
      tries: s.tries,
      sortMistakes: s.sortMistakes,
      scores: s.scores,
      means: s.scores.every((x) => x !== null) && s.items.length ? means : null,
      most: s.phase === 'meter' ? lesson.mostSurprising(means) : null,
      guess: s.guess,
      viewing: s.viewing,
      own: s.own,
      ownMessage: this.ownMessage?.key ?? null,
      words: s.parse.words,
      pieces,
      complete: isComplete(s.parse),
      depth: clauseDepth(pieces),
      won: lesson.buildWon(s),
      refused: s.refused,
      round: s.round,
      brackets: { start: s.brackets.start, typed: s.brackets.typed, wrong: s.brackets.wrong },
      bracketMistakes: s.bracketMistakes,
      mistakes: lesson.mistakes(s),
      stars: lesson.stars(s),
    });
  }

  /** A row of the meter: smaller on a phone, so the names, bars and numbers all fit across. */
  private meterRow(): number {
    return this.els.meter.clientWidth < 560 ? 30 : 44;
  }

  protected layout(): void {
    if (!this.els) return;
    const s = this.state;
    const show = this.playing && s.phase === 'meter';
    const means = lesson.basketMeans(s.items, s.scores);
    const most = lesson.mostSurprising(means);
    drawBarChart(
      this,
      this.graphics,
      this.labels,
      this.rectOf(this.els.meter),
      show
        ? lesson.BASKETS.map((b) => ({
            label: `${SIGN[b]} ${this.basketName(b)}`,
            value: means[b],
            text: t('grammar:bitsValue', { bits: means[b].toFixed(1) }),
            picked: b === s.guess,
            favourite: b === most,
          }))
        : [],
      { pickTag: t('grammar:yourGuess'), maxRow: this.meterRow() },
    );
    const sc = show ? lesson.viewed(s) : null;
    const top = sc ? lesson.peak(sc) : -1;
    drawBarChart(
      this,
      this.wordGraphics,
      this.wordLabels,
      this.rectOf(this.els.words),
      sc
        ? sc.tokens.map((tok, i) => ({
            label: this.show(tok),
            value: lesson.bits(sc.p[i] as number),
            text: t('grammar:bitsValue', { bits: lesson.bits(sc.p[i] as number).toFixed(1) }),
            favourite: i === top,
          }))
        : [],
      { maxRow: 30 },
    );
  }

  protected override shutdown(): void {
    this.labels = [];
    this.wordLabels = [];
  }
}

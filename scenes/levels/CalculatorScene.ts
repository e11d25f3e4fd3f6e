import { LevelScene } from './LevelScene';
import { labBody } from '../lab';
import { actionButton, submitForm, textInput, wordTile } from '../widgets';
import { app } from '../../src/app';
import { h } from '../../src/ui/overlay';
import { currentLang, t, type Key } from '../../src/i18n';
import * as lesson from '../../src/lessons/calculator';
import type { Answer, CalculatorState, Guess, Mode, Problem } from '../../src/lessons/calculator';

/** Problems sent to the worker at once: the bars fill as the answers come. */
const CHUNK = 10;
const SVG = 'http://www.w3.org/2000/svg';

/** Whether what `el` shows must be drawn again: its signature changed (and is kept for next time). */
function changed(el: HTMLElement, sig: string): boolean {
  if (el.dataset.sig === sig) return false;
  el.dataset.sig = sig;
  return true;
}

/** An SVG element with its attributes. */
function svg(tag: string, attrs: Record<string, string | number>, ...kids: SVGElement[]): SVGElement {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  el.append(...kids);
  return el;
}

/**
 * The icons (drawn, so every device shows them alike): the model guessing (a bubble with "?"), the
 * calculator, and the calculator crossed out (its plug pulled).
 */
function icon(kind: 'guess' | 'calc' | 'nocalc'): HTMLElement {
  const stroke = { fill: 'none', stroke: 'currentColor', 'stroke-width': 2 };
  const parts: SVGElement[] =
    kind === 'guess'
      ? [
          svg('path', { d: 'M4 4h16v11H11l-5 4v-4H4z', ...stroke, 'stroke-linejoin': 'round' }),
          svg('path', { d: 'M10 8a2 2 0 1 1 3 1.7c-.7.4-1 .8-1 1.6', ...stroke, 'stroke-linecap': 'round' }),
          svg('circle', { cx: 12, cy: 13.4, r: 1, fill: 'currentColor' }),
        ]
      : [
          svg('rect', { x: 5, y: 2, width: 14, height: 20, rx: 2, ...stroke }),
          svg('rect', { x: 8, y: 5, width: 8, height: 4, fill: 'currentColor' }),
          ...[0, 1, 2].flatMap((r) =>
            [0, 1, 2].map((c) =>
              svg('rect', { x: 8 + 3 * c, y: 11 + 3.3 * r, width: 2, height: 2, fill: 'currentColor' }),
            ),
          ),
          ...(kind === 'nocalc'
            ? [
                svg('path', {
                  d: 'M3 21L21 3',
                  stroke: 'currentColor',
                  'stroke-width': 3,
                  'stroke-linecap': 'round',
                }),
              ]
            : []),
        ];
  const span = h('span', { class: 'calc-icon', 'aria-hidden': 'true' });
  span.append(svg('svg', { viewBox: '0 0 24 24', width: 22, height: 22 }, ...parts));
  return span;
}

/** Each team's icon (beside its name and its own bar pattern: never colour alone). */
const TEAM_ICON: Readonly<Record<Mode, 'guess' | 'calc' | 'nocalc'>> = {
  guess: 'guess',
  plugged: 'calc',
  unplugged: 'nocalc',
};

type Own =
  | { readonly kind: 'message'; readonly key: Key }
  | { readonly kind: 'thinking' }
  | { readonly kind: 'answers'; readonly lines: readonly { mode: Mode; answer: Answer }[] };

/** Level "calculator": a language model plus a tool beats either alone. */
export class CalculatorScene extends LevelScene {
  private problems: Problem[] = [];
  private state: CalculatorState = lesson.start();
  private ready = false;
  private plugged = true;
  /** Problems answered so far in the test running now (null: none running). */
  private testing: { done: number; total: number } | null = null;
  /** Each team's answers, once tested (the examples are taken from them). */
  private answers: Partial<Record<Mode, Answer[]>> = {};
  /** The answers of the test running now, so far. */
  private partial: Answer[] = [];
  private message: { key: Key; params?: Record<string, number> } | null = null;
  private own: Own | null = null;
  /** Counts the changes of `own`: its lines are drawn again only when it changed. */
  private ownVersion = 0;
  private els!: {
    step: HTMLElement;
    board: HTMLTableElement;
    examples: HTMLElement;
    instruction: HTMLElement;
    guesses: HTMLElement;
    plug: HTMLButtonElement;
    test: HTMLButtonElement;
    progress: HTMLElement;
    message: HTMLElement;
    next: HTMLButtonElement;
    teams: HTMLElement;
    done: HTMLElement;
    doneText: HTMLElement;
    ownBox: HTMLElement;
    input: HTMLInputElement;
    ownOut: HTMLElement;
    loading: HTMLElement;
    keyHint: HTMLElement;
  };

  constructor() {
    super('calculator');
  }

  protected build(): void {
    this.problems = [];
    this.state = lesson.start();
    this.ready = false;
    this.plugged = true;
    this.testing = null;
    this.answers = {};
    this.partial = [];
    this.message = null;
    this.own = null;
    this.ownVersion++;
    const ui = this.ui;
    const step = h('p', { class: 'round', 'data-testid': 'step' });
    const board = h('table', { class: 'calc-board', 'data-testid': 'board' });
    const caption = ui.text(h('caption', { class: 'visually-hidden' }), 'calculator:boardLabel');
    board.append(caption);
    const examples = h('ul', { class: 'calc-lines', 'data-testid': 'examples' });
    ui.attr(examples, 'aria-label', 'calculator:examplesLabel');
    const instruction = h('p', { class: 'instruction', 'data-testid': 'instruction' });
    const guesses = h('div', { class: 'tiles', role: 'group', 'data-testid': 'guesses' });
    ui.attr(guesses, 'aria-label', 'calculator:guessesLabel');
    const plug = h('button', { type: 'button', class: 'btn plug', 'data-testid': 'plug' });
    ui.attr(plug, 'title', 'calculator:plugLabel');
    ui.listen(plug, 'click', () => this.onPlug());
    const test = actionButton(ui, 'calculator:start', 'test', () => void this.onTest(), true);
    const progress = h('p', { class: 'note', 'data-testid': 'progress', role: 'status' });
    const message = h('p', { class: 'message', 'data-testid': 'message', role: 'status' });
    const next = actionButton(ui, 'calculator:next', 'next', () => this.onNext(), true);
    const teams = h('div', { class: 'tiles', role: 'group', 'data-testid': 'teams' });
    ui.attr(teams, 'aria-label', 'calculator:bestLabel');
    const doneText = h('p', { class: 'readout', 'data-testid': 'done-text' });
    const done = h(
      'section',
      { class: 'calc-done', 'data-testid': 'done' },
      doneText,
      h(
        'div',
        { class: 'level-actions' },
        this.finishButton(() => void this.finish()),
      ),
    );
    const input = textInput(ui, {
      testId: 'own-input',
      maxlength: 1000,
      label: 'calculator:ownLabel',
      placeholder: 'calculator:ownPlaceholder',
    });
    const ownOut = h('div', { 'data-testid': 'own-out', 'aria-live': 'polite' });
    const ownBox = h(
      'section',
      { class: 'calc-own' },
      ui.text(h('p', { class: 'note' }), 'calculator:ownHint'),
      submitForm(ui, {
        testId: 'own-form',
        input,
        go: 'calculator:ask',
        goId: 'ask',
        onSubmit: () => void this.onOwn(),
      }),
      ownOut,
    );
    const keyHint = ui.text(h('p', { class: 'note key-hint' }), 'calculator:keyHint');
    const body = labBody(
      [board],
      [
        instruction,
        guesses,
        h('div', { class: 'level-actions' }, plug, test),
        progress,
        message,
        examples,
        h('div', { class: 'level-actions next-row' }, next),
        teams,
        done,
        ownBox,
        keyHint,
      ],
    );
    body.classList.add('calculator');
    const loading = ui.text(
      h('p', { class: 'note', 'data-testid': 'loading', role: 'status' }),
      'calculator:loading',
    );
    this.els = {
      ...{ step, board, examples, instruction, guesses, plug, test, progress, message, next, teams },
      ...{ done, doneText, ownBox, input, ownOut, loading, keyHint },
    };
    const start = this.mount({ body, beside: [step], start: 'calculator:start', before: [loading] }, () =>
      this.begin(),
    );
    start.disabled = true;
    ui.listen(window, 'keydown', (e) => this.onKey(e));
    ui.onRetranslate(() => this.render());
    void this.loadModels(start);
    this.render();
  }

  /** The level draws nothing on the canvas. */
  protected override readonly canvasFree = true;

  protected layout(): void {}

  protected override shutdown(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  private async loadModels(start: HTMLButtonElement): Promise<void> {
    try {
      const res = await fetch(new URL('data/calculator/problems.json', document.baseURI).href);
      if (!res.ok) throw new Error(`calculator problems: ${res.status}`);
      const data = (await res.json()) as { problems: Problem[] };
      await Promise.all([app().model.loadSmall('arith/guess'), app().model.loadSmall('arith/tool')]);
      if (!this.sys.isActive()) return;
      this.problems = data.problems;
      this.ready = true;
      this.els.loading.hidden = true;
      start.disabled = false;
      start.focus();
    } catch (err) {
      console.warn(err);
      if (!this.sys.isActive()) return;
      this.els.loading.textContent = t('calculator:loadFailed');
    }
    this.render();
  }

  private complete(mode: Mode): lesson.Complete {
    return (texts, stops, max) => app().model.complete(lesson.MODEL_OF[mode], texts, stops, max);
  }

  private begin(): void {
    if (!this.ready) return;
    this.state = lesson.begin(this.state);
    app().sound.play('tap');
    this.render();
    this.focusFirst(this.els.guesses);
  }

  private focusFirst(el: HTMLElement): void {
    (el.querySelector('button:not(:disabled)') as HTMLButtonElement | null)?.focus();
  }

  private get mode(): Mode | null {
    const p = this.state.phase;
    return p === 'guess' || p === 'plugged' || p === 'unplugged' ? p : null;
  }

  private onGuess(guess: Guess): void {
    const next = lesson.makeGuess(this.state, guess);
    if (next === this.state || this.testing) return;
    this.state = next;
    this.message = null;
    app().sound.play('tap');
    this.render();
    this.els.test.focus();
  }

  private onPlug(): void {
    if (this.testing || this.state.phase === 'guess') return;
    this.plugged = !this.plugged;
    this.message = null;
    app().sound.play('tap');
    this.render();
  }

  /** The mode the current plug gives the tool user. */
  private get toolMode(): Mode {
    return this.plugged ? 'plugged' : 'unplugged';
  }

  private async onTest(): Promise<void> {
    const mode = this.mode;
    if (!mode || this.testing) return;
    if (!lesson.canTest(this.state)) {
      this.message = { key: 'calculator:pickGuessFirst' };
      this.render();
      return;
    }
    if (mode !== 'guess' && this.toolMode !== mode) {
      this.message = { key: mode === 'unplugged' ? 'calculator:pullPlugFirst' : 'calculator:plugInFirst' };
      this.render();
      return;
    }
    this.testing = { done: 0, total: this.problems.length };
    this.message = null;
    const all: Answer[] = (this.partial = []);
    this.render();
    try {
      for (let i = 0; i < this.problems.length; i += CHUNK) {
        all.push(...(await lesson.answer(this.problems.slice(i, i + CHUNK), mode, this.complete(mode))));
        if (!this.sys.isActive()) return;
        this.testing = { done: all.length, total: this.problems.length };
        this.renderProgress();
      }
    } catch (err) {
      console.warn(err);
      if (!this.sys.isActive()) return;
      this.testing = null;
      this.message = { key: 'calculator:loadFailed' };
      this.render();
      return;
    }
    this.testing = null;
    this.answers = { ...this.answers, [mode]: all };
    this.state = lesson.tested(this.state, mode, lesson.byDigits(all));
    const percent = lesson.percentAt(this.state.scores[mode] ?? [], lesson.BIG);
    const trueGuess = lesson.guessCameTrue(this.state, mode);
    this.message = { key: trueGuess ? 'calculator:cameTrue' : 'calculator:notTrue', params: { percent } };
    app().sound.play(trueGuess ? 'good' : 'try');
    this.render();
    this.els.next.focus();
  }

  private onNext(): void {
    const next = lesson.advance(this.state);
    if (next === this.state) return;
    this.state = next;
    this.message = null;
    app().sound.play('tap');
    this.render();
    this.focusFirst(this.state.phase === 'best' ? this.els.teams : this.els.guesses);
  }

  private onBest(mode: Mode): void {
    const next = lesson.pickBest(this.state, mode);
    if (next === this.state) return;
    this.state = next;
    const right = next.phase === 'done';
    this.message = { key: right ? 'calculator:bestRight' : 'calculator:bestWrong' };
    app().sound.play(right ? 'good' : 'try');
    this.render();
    if (right) this.focusFirst(this.els.done);
  }

  private async onOwn(): Promise<void> {
    if (!this.ready) return;
    const r = lesson.parseProblem(this.els.input.value);
    if (r.kind !== 'ok') {
      // What was typed stays in the box.
      const key = { empty: 'ownEmpty', tooBig: 'ownTooBig', notSum: 'ownNotSum' }[r.kind] as
        'ownEmpty' | 'ownTooBig' | 'ownNotSum';
      this.own = { kind: 'message', key: `calculator:${key}` };
      this.ownVersion++;
      app().sound.play('try');
      this.renderOwn();
      return;
    }
    this.own = { kind: 'thinking' };
    this.ownVersion++;
    this.renderOwn();
    try {
      const modes: Mode[] = ['guess', this.toolMode];
      const lines = [];
      for (const mode of modes) {
        const [answer] = await lesson.answer([r.problem], mode, this.complete(mode));
        if (answer) lines.push({ mode, answer });
      }
      if (!this.sys.isActive()) return;
      this.own = { kind: 'answers', lines };
      this.ownVersion++;
    } catch (err) {
      console.warn(err);
      if (!this.sys.isActive()) return;
      this.own = { kind: 'message', key: 'calculator:loadFailed' };
      this.ownVersion++;
    }
    this.renderOwn();
  }

  private onKey(e: KeyboardEvent): void {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || document.querySelector('dialog[open]'))
      return;
    const target = e.target as HTMLElement | null;
    if (target && (target.tagName === 'TEXTAREA' || target.tagName === 'INPUT')) return;
    const k = Number(e.key);
    if (!Number.isInteger(k) || k < 1) return;
    if (this.mode && k <= lesson.GUESSES.length && !this.state.scores[this.mode]) {
      e.preventDefault();
      this.onGuess(lesson.GUESSES[k - 1] as Guess);
    } else if (this.state.phase === 'best' && k <= lesson.MODES.length) {
      e.preventDefault();
      this.onBest(lesson.MODES[k - 1] as Mode);
    }
  }

  private async finish(): Promise<void> {
    if (this.state.phase === 'done') await this.completeLevel(lesson.stars(this.state));
  }

  // -------------------------------------------------------------------------------------------
  // Rendering.

  private render(): void {
    const e = this.els;
    const s = this.state;
    const phase = s.phase;
    const mode = this.mode;
    this.showIntro(phase === 'intro');
    const stepNo = { intro: 1, guess: 1, plugged: 2, unplugged: 3, best: 4, done: 4 }[phase];
    e.step.textContent = t('calculator:step', { n: stepNo });
    const tested = mode ? s.scores[mode] !== undefined : false;
    // Once the step's test has answered its question, the message says how it went instead.
    e.instruction.hidden = phase === 'done' || tested;
    e.instruction.textContent = mode
      ? t(`calculator:${mode}Step`)
      : phase === 'best'
        ? t('calculator:bestStep')
        : '';
    e.guesses.hidden = !mode;
    const lang = currentLang();
    const picked = mode ? s.guesses[mode] : undefined;
    const locked = tested || this.testing !== null;
    if (mode && changed(e.guesses, `${lang}|${mode}|${picked}`)) {
      e.guesses.replaceChildren(
        ...lesson.GUESSES.map((g, i) =>
          wordTile({
            pos: i,
            word: `${g === 'mostRight' ? '✓' : '✗'} ${t(`calculator:${g}`)}`,
            picked: s.guesses[mode] === g,
            disabled: locked,
            data: {},
            onPick: () => this.onGuess(g),
          }),
        ),
      );
      e.guesses
        .querySelectorAll('button')
        .forEach((b, i) => b.setAttribute('data-guess', lesson.GUESSES[i] as string));
    }
    // Locked while the test runs and after it, in place (no new tiles).
    e.guesses.querySelectorAll('button').forEach((b) => (b.disabled = locked));
    e.plug.hidden = !mode || mode === 'guess';
    const plugText = t(this.plugged ? 'calculator:plugIn' : 'calculator:plugOut');
    if (changed(e.plug, `${lang}|${this.plugged}`))
      e.plug.replaceChildren(icon(this.plugged ? 'calc' : 'nocalc'), h('span', {}, plugText));
    e.plug.setAttribute('aria-pressed', this.plugged ? 'true' : 'false');
    e.plug.setAttribute('aria-label', `${plugText} · ${t('calculator:plugLabel')}`);
    e.plug.disabled = this.testing !== null;
    e.plug.classList.toggle('plug-out', !this.plugged);
    e.test.hidden = !mode || tested;
    e.test.textContent = t('calculator:test', { count: this.problems.length });
    e.test.disabled = this.testing !== null;
    e.next.parentElement?.toggleAttribute('hidden', !tested);
    e.teams.hidden = phase !== 'best';
    const last = s.bestTries[s.bestTries.length - 1];
    if (phase === 'best' && changed(e.teams, `${lang}|${last}`)) {
      e.teams.replaceChildren(
        ...lesson.MODES.map((m, i) => {
          const b = wordTile({
            pos: i,
            word: t(`calculator:teams.${m}`),
            picked: last === m,
            disabled: false,
            data: {},
            onPick: () => this.onBest(m),
          });
          b.setAttribute('data-team', m);
          b.querySelector('.tile-key')?.after(icon(TEAM_ICON[m]));
          return b;
        }),
      );
    }
    e.done.hidden = phase !== 'done';
    e.doneText.textContent =
      phase === 'done'
        ? t('calculator:done', {
            plugged: lesson.percentAt(s.scores.plugged ?? [], lesson.BIG),
            guess: lesson.percentAt(s.scores.guess ?? [], lesson.BIG),
          })
        : '';
    e.message.textContent = this.message ? t(this.message.key, this.message.params) : '';
    e.ownBox.hidden = phase === 'intro' || !s.scores.guess;
    e.keyHint.hidden = phase === 'done';
    this.renderProgress();
    this.renderBoard();
    // The lines in a frame of their own: the end of a test lays out the rest first.
    if (this.testing === null) this.soon(() => this.renderExamples());
    this.renderOwn();
    this.publish({
      phase: this.phaseShown(),
      plugged: this.plugged,
      testing: this.testing,
      guesses: s.guesses,
      scores: s.scores,
      bestTries: s.bestTries,
      problems: this.problems.length,
      stars: lesson.stars(s),
    });
  }

  private frame = 0;

  /** Runs `fn` at the next frame, once however often it is asked, unless the scene has gone. */
  private soon(fn: () => void): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      if (this.sys.isActive()) fn();
    });
  }

  private phaseShown(): string {
    return this.ready ? this.state.phase : 'loading';
  }

  private renderProgress(): void {
    const p = this.testing;
    this.els.progress.hidden = p === null;
    this.els.progress.textContent = p ? t('calculator:testing', p) : '';
    // The bars of the test running fill as its answers come.
    if (p) this.renderBoard();
  }

  /** The board: a row for each number of digits, a column for each team, bars with their percent. */
  private renderBoard(): void {
    const s = this.state;
    const board = this.els.board;
    // Built again only for another language (or once the problems are there); else the cells that
    // changed are updated where they are, so a running test costs the page almost nothing.
    const built = `${currentLang()}|${this.problems.length}`;
    if (board.dataset.built !== built) {
      board.dataset.built = built;
      const caption = board.querySelector('caption');
      const head = h(
        'tr',
        {},
        h('th', { scope: 'col' }, t('calculator:digitsHead')),
        ...lesson.MODES.map((m) =>
          h(
            'th',
            { scope: 'col', class: `team-${m}`, 'data-testid': `head-${m}` },
            icon(TEAM_ICON[m]),
            ' ',
            t(`calculator:teams.${m}`),
          ),
        ),
      );
      const rows = lesson.DIGITS.map((n) => {
        const example = this.exampleOf(this.problems, n);
        return h(
          'tr',
          {},
          h(
            'th',
            { scope: 'row' },
            t('calculator:digitsRow', { n }),
            example ? h('span', { class: 'calc-example' }, lesson.problemText(example)) : '',
          ),
          ...lesson.MODES.map((m) =>
            h('td', { class: `calc-cell team-${m}`, 'data-testid': `cell-${m}-${n}` }),
          ),
        );
      });
      board.replaceChildren(...(caption ? [caption] : []), h('thead', {}, head), h('tbody', {}, ...rows));
    }
    for (const m of lesson.MODES) {
      // While this team's test runs: what has come back so far.
      const scores =
        s.scores[m] ?? (this.testing && this.mode === m ? lesson.byDigits(this.partial) : undefined);
      for (const n of lesson.DIGITS) {
        const td = board.querySelector<HTMLElement>(`[data-testid="cell-${m}-${n}"]`);
        if (td)
          this.cell(
            td,
            m,
            n,
            scores?.find((x) => x.digits === n),
          );
      }
    }
  }

  private cell(td: HTMLElement, mode: Mode, n: number, score: lesson.DigitScore | undefined): void {
    const sig = score ? `${score.right}/${score.total}` : '-';
    if (td.dataset.sig === sig) return;
    td.dataset.sig = sig;
    const team = t(`calculator:teams.${mode}`);
    if (!score) {
      td.replaceChildren(h('span', { class: 'calc-none' }, '—'));
      td.removeAttribute('data-percent');
      td.setAttribute('aria-label', t('calculator:cellNotTested', { team, n }));
      td.title = t('calculator:notTested');
      return;
    }
    td.setAttribute('data-percent', String(score.percent));
    td.setAttribute(
      'aria-label',
      t('calculator:cellAria', { team, n, right: score.right, total: score.total }),
    );
    td.title = '';
    const bar = h('span', { class: 'calc-bar', 'aria-hidden': 'true' });
    bar.style.setProperty('--w', `${score.percent}%`);
    td.replaceChildren(
      h('span', { class: 'calc-track', 'aria-hidden': 'true' }, bar),
      h('span', { class: 'calc-pct' }, `${Math.round(score.percent)}%`),
    );
  }

  /** A few of the last tested team's lines: one a number of digits, the calculator's part marked. */
  private renderExamples(): void {
    const mode = this.mode ?? (this.state.phase === 'intro' ? null : 'unplugged');
    const shown = mode && this.answers[mode] ? mode : null;
    const list = this.els.examples;
    list.hidden = shown === null;
    if (!changed(list, `${currentLang()}|${shown}`)) return;
    if (!shown) {
      list.replaceChildren();
      return;
    }
    const answers = this.answers[shown] ?? [];
    const picks = lesson.DIGITS.flatMap((n) => {
      const p = this.exampleOf(this.problems, n);
      const a = answers.find((x) => x.problem === p);
      return a ? [a] : [];
    });
    list.replaceChildren(...picks.map((a) => this.line(shown, a)));
  }

  /** The problem shown for a number of digits: a sum for 1 and 3 digits, a product for 2 and 4. */
  private exampleOf(problems: readonly Problem[], n: number): Problem | undefined {
    return problems.find((p) => p.digits === n && p.op === (n % 2 === 1 ? '+' : '×'));
  }

  private line(mode: Mode, a: Answer): HTMLElement {
    const model = a.written.slice(0, a.written.length - a.fromTool);
    const tool = a.written.slice(a.written.length - a.fromTool);
    const verdict = a.right
      ? `✓ ${t('calculator:right')}`
      : `✗ ${t('calculator:wrong', { answer: String(lesson.solve(a.problem)) })}`;
    return h(
      'li',
      {
        class: `calc-line ${a.right ? 'calc-right' : 'calc-wrong'}`,
        'data-testid': 'line',
        'data-mode': mode,
      },
      icon(TEAM_ICON[mode]),
      h(
        'code',
        { class: 'calc-text' },
        `${lesson.problemText(a.problem)}=`,
        model,
        ...(tool
          ? [
              h(
                'mark',
                { class: 'calc-tool', title: t('calculator:fromTool') },
                icon('calc'),
                h('span', { class: 'visually-hidden' }, `${t('calculator:fromTool')}: `),
                tool,
              ),
            ]
          : []),
        ...(a.answer === null ? [h('span', { class: 'calc-none' }, ` (${t('calculator:noAnswer')})`)] : []),
      ),
      h('span', { class: 'calc-verdict' }, verdict),
    );
  }

  private renderOwn(): void {
    const out = this.els.ownOut;
    const o = this.own;
    if (!changed(out, `${currentLang()}|${this.ownVersion}`)) return;
    if (!o) {
      out.replaceChildren();
      return;
    }
    if (o.kind === 'message')
      out.replaceChildren(h('p', { class: 'message', 'data-testid': 'own-message' }, t(o.key)));
    else if (o.kind === 'thinking')
      out.replaceChildren(h('p', { class: 'note' }, t('calculator:ownThinking')));
    else
      out.replaceChildren(
        h('ul', { class: 'calc-lines' }, ...o.lines.map((l) => this.line(l.mode, l.answer))),
      );
  }
}

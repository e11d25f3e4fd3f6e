import { ModelLevelScene } from './ModelLevelScene';
import { actionButton, tokenLabel, textInput, submitForm } from '../widgets';
import { radioGroup } from '../lab';
import { app } from '../../src/app';
import { h, clear } from '../../src/ui/overlay';
import { currentLang, t, type Key, type Params } from '../../src/i18n';
import * as lesson from '../../src/lessons/teach';
import { SETTINGS, SETTING_IDS, forgettingChange, type SettingId } from '../../src/lm/teach';
import { SPECIALS, UNK } from '../../src/lm/tokenizer';
import { openTeachStore, type TaughtRecord, type TeachStore } from '../../src/storage/teach';
import type { NextToken, TeachCompare } from '../../src/model/client';

type Message = { key: Key; params?: Params } | null;
type Keep = 'none' | 'restored' | 'saved' | 'undone' | 'cleared' | 'dropped' | 'unavailable';

/** How often the loss curve is drawn again while the model learns. */
const TRAIN_REDRAW_MS = 150;

/**
 * One number format per language and digits. The page's first one costs about 25 ms (the browser
 * sets up its number formatting), which on a slow tablet made the first frame of the loss curve a
 * task over 50 ms: the scene makes one in a task of its own when it opens.
 */
const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, digits: number): Intl.NumberFormat {
  const key = `${locale}/${digits}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits });
    formats.set(key, f);
  }
  return f;
}

/** Tokens the continuation adds after a beginning (before and after alike, the same seed). */
const GOES_ON = 12;

/** Level "teach": write about your world, the model learns it in its worker, before and after side by side. */
export class TeachScene extends ModelLevelScene {
  private state = lesson.newGame();
  private store: TeachStore | null = null;
  private current: TaughtRecord | null = null;
  private undoable = false;
  private keep: Keep = 'none';
  private taught = new Set<number>();
  private losses: number[] = [];
  private steps = 0;
  private trainMs = 0;
  private compare:
    (TeachCompare & { probe: string; isNew: boolean; brought: string[]; broughtIds: Set<number> }) | null =
    null;
  private message: Message = null;
  private probeMessage: Message = null;
  private busy = false;
  private trainFrame = 0;
  private warmFormat = 0;
  private els!: {
    write: HTMLElement;
    box: HTMLTextAreaElement;
    count: HTMLElement;
    problem: HTMLElement;
    unknown: HTMLElement;
    settings: HTMLInputElement[];
    teach: HTMLButtonElement;
    train: HTMLElement;
    loss: HTMLCanvasElement;
    lossText: HTMLElement;
    stop: HTMLButtonElement;
    compare: HTMLElement;
    probe: HTMLInputElement;
    probeNote: HTMLElement;
    trainedIn: HTMLElement;
    sides: HTMLElement;
    meter: HTMLElement;
    meterBar: HTMLElement;
    meterText: HTMLElement;
    meterVerdict: HTMLElement;
    undo: HTMLButtonElement;
    finish: HTMLButtonElement;
    share: HTMLInputElement;
    shareLabel: HTMLElement;
    keep: HTMLElement;
    message: HTMLElement;
  };

  constructor() {
    super('teach');
  }

  protected override readonly canvasFree = true;
  protected override readonly usesTaught = false;

  protected layout(): void {}

  protected build(): void {
    this.state = lesson.newGame();
    this.store = openTeachStore();
    this.current = null;
    this.undoable = false;
    this.keep = 'none';
    this.taught = new Set();
    this.losses = [];
    this.steps = 0;
    this.trainMs = 0;
    this.compare = null;
    this.message = null;
    this.probeMessage = null;
    this.busy = false;
    this.trainFrame = 0;
    // The first number format, in a task of its own now rather than in the loss curve's first frame.
    this.warmFormat = window.setTimeout(() => {
      this.warmFormat = 0;
      this.num(0, 3);
    }, 0);
    const ui = this.ui;

    // Write: the sentences, the ready sets, the setting.
    const box = h('textarea', {
      class: 'text-input teach-box',
      'data-testid': 'sentences',
      rows: 8,
      maxlength: lesson.BOX_CHARS,
      spellcheck: 'false',
      autocapitalize: 'sentences',
    });
    ui.attr(box, 'aria-label', 'teach:boxLabel');
    ui.attr(box, 'placeholder', 'teach:boxPlaceholder');
    ui.listen(box, 'input', () => this.renderWrite());
    const examples = h('div', { class: 'level-actions teach-examples', role: 'group' });
    ui.attr(examples, 'aria-label', 'teach:examplesLabel');
    for (const set of lesson.EXAMPLES[this.lang])
      examples.append(
        actionButton(ui, `teach:example.${set.id}`, `example-${set.id}`, () => this.onExample(set)),
      );
    const count = h('p', { class: 'readout', 'data-testid': 'count' });
    const problem = h('p', { class: 'message', 'data-testid': 'problem', role: 'status' });
    const unknown = h('p', { class: 'note', 'data-testid': 'unknown' });
    const { group, inputs: settings } = radioGroup(ui, {
      name: 'teach-setting',
      testPrefix: 'setting',
      legend: 'teach:settingLegend',
      values: SETTING_IDS,
      label: (v) => ui.text(h('span', {}), `teach:setting.${v}`),
      checked: this.state.setting,
      onPick: (v) => this.onSetting(v),
    });
    const teach = actionButton(ui, 'teach:teach', 'teach', () => void this.onTeach(), true);
    const write = h(
      'section',
      { class: 'teach-write', 'data-testid': 'write' },
      ui.text(h('h2', { class: 'teach-h' }), 'teach:writeTitle'),
      ui.text(h('p', { class: 'instruction' }), 'teach:writeGoal'),
      ui.text(h('p', { class: 'note' }), 'teach:examplesLabel'),
      examples,
      box,
      count,
      problem,
      unknown,
      group,
      h('div', { class: 'level-actions' }, teach),
    );

    // Train: the loss curve as it falls.
    const loss = h('canvas', { class: 'teach-loss', width: 480, height: 180, 'data-testid': 'loss' });
    ui.attr(loss, 'aria-label', 'teach:lossLabel');
    loss.setAttribute('role', 'img');
    const lossText = h('p', { class: 'readout', 'data-testid': 'loss-text', 'aria-live': 'polite' });
    const stop = actionButton(ui, 'teach:stop', 'stop', () => app().model.teachStop());
    const train = h(
      'section',
      { class: 'teach-train', 'data-testid': 'train' },
      ui.text(h('h2', { class: 'teach-h' }), 'teach:trainTitle'),
      ui.text(h('p', { class: 'instruction' }), 'teach:trainNote'),
      loss,
      lossText,
      h('div', { class: 'level-actions' }, stop),
    );

    // Compare: the same beginning before and after, and the forgetting meter.
    const probe = textInput(ui, {
      testId: 'probe',
      maxlength: lesson.MAX_CHARS,
      label: 'teach:probeLabel',
      placeholder: 'teach:probeNote',
    });
    const form = submitForm(ui, {
      testId: 'probe-form',
      input: probe,
      go: 'teach:probeGo',
      goId: 'probe-go',
      onSubmit: () => void this.onProbe(),
    });
    const probeNote = h('p', { class: 'note', 'data-testid': 'probe-note', role: 'status' });
    const trainedIn = h('p', { class: 'note', 'data-testid': 'trained-in' });
    const sides = h('div', { class: 'teach-sides', 'data-testid': 'sides' });
    const meterBar = h('span', { class: 'teach-meter-fill' });
    const meter = h(
      'div',
      { class: 'teach-meter', role: 'meter', 'aria-valuemin': '0', 'aria-valuemax': '100' },
      meterBar,
      h('span', { class: 'teach-meter-limit', 'aria-hidden': 'true' }),
    );
    const meterText = h('p', { class: 'readout', 'data-testid': 'meter-text' });
    const meterVerdict = h('p', { class: 'note', 'data-testid': 'meter-verdict' });
    const again = actionButton(ui, 'teach:again', 'again-teach', () => this.onAgain());
    const undo = actionButton(ui, 'teach:undo', 'undo', () => void this.onUndo());
    const clearAll = actionButton(ui, 'teach:clearAll', 'clear-all', () => void this.onClear());
    const finish = this.finishButton(() => void this.completeLevel(lesson.stars(this.state)));
    // The other model levels may use what was taught, when the player says so.
    const share = h('input', { type: 'checkbox', role: 'switch', 'data-testid': 'share' });
    ui.listen(share, 'change', () => void this.store?.share(this.lang, share.checked));
    const shareLabel = h(
      'label',
      { class: 'setting switch teach-share' },
      share,
      ui.text(h('span', {}), 'teach:share'),
      ui.text(h('small', { class: 'hint' }), 'teach:shareHint'),
    );
    const compare = h(
      'section',
      { class: 'teach-compare', 'data-testid': 'compare' },
      ui.text(h('h2', { class: 'teach-h' }), 'teach:compareTitle'),
      trainedIn,
      form,
      probeNote,
      sides,
      h(
        'section',
        { class: 'teach-meter-box', 'data-testid': 'meter' },
        ui.text(h('h3', { class: 'teach-h3' }), 'teach:meterTitle'),
        meter,
        meterText,
        meterVerdict,
      ),
      h('div', { class: 'level-actions teach-actions' }, again, undo, clearAll, finish),
      ui.text(h('p', { class: 'note' }), 'teach:book'),
    );
    const message = h('p', { class: 'message', 'data-testid': 'message', role: 'status' });
    const keep = h('p', { class: 'note', 'data-testid': 'keep' });
    const body = h(
      'main',
      { class: 'level-body level-scroll teach' },
      message,
      write,
      train,
      compare,
      keep,
      shareLabel,
      ui.text(h('p', { class: 'note' }), 'teach:kept'),
    );
    this.els = {
      write,
      box,
      count,
      problem,
      unknown,
      settings,
      teach,
      train,
      loss,
      lossText,
      stop,
      compare,
      probe,
      probeNote,
      trainedIn,
      sides,
      meter,
      meterBar,
      meterText,
      meterVerdict,
      undo,
      finish,
      share,
      shareLabel,
      keep,
      message,
    };
    this.mount({ body, start: 'teach:start' }, () => this.onStart());
    this.showIntro(true);
    this.render();
    this.warmGlyphs();
  }

  /**
   * Lays out, a few lines a frame while the intro shows, the texts the training and the comparison
   * will show (and the ready sets' words): the first use of a Chinese glyph costs the page a long
   * task, which would otherwise come in the middle of the training.
   */
  private warmGlyphs(): void {
    const keys: Key[] = [
      'teach:trainTitle',
      'teach:trainNote',
      'teach:stop',
      'teach:compareTitle',
      'teach:before',
      'teach:after',
      'teach:topLabel',
      'teach:goesOn',
      'teach:meterTitle',
      'teach:meterOk',
      'teach:meterHigh',
      'teach:notYet',
      'teach:inSentences',
      'teach:noChange',
      'teach:again',
      'teach:undo',
      'teach:clearAll',
      'teach:book',
      'teach:unknownMark',
      'teach:probeGo',
    ];
    const n = { step: 12, steps: 60, loss: '0.123456789', seconds: '1.5', before: '26.13', after: '28.20' };
    const lines = [
      ...keys.map((k) => t(k)),
      t('teach:lossNow', n),
      t('teach:trainedIn', n),
      t('teach:meterText', { ...n, change: '+7.9 %' }),
      t('teach:learnedNew', { words: '' }),
      ...lesson.EXAMPLES[this.lang].flatMap((e) => [...e.sentences, e.probe]),
    ];
    const box = h('div', { class: 'visually-hidden teach-warm', 'aria-hidden': 'true' });
    this.ui.el.append(box);
    const next = (): void => {
      if (!this.sys.isActive() || lines.length === 0) {
        box.remove();
        return;
      }
      for (const line of lines.splice(0, 4)) box.append(h('p', {}, line), h('p', {}, h('strong', {}, line)));
      // Read back: the lines are laid out now, in this frame, not when they first show.
      void box.offsetHeight;
      requestAnimationFrame(next);
    };
    requestAnimationFrame(next);
  }

  protected override onModelReady(): void {
    void this.restore();
  }

  protected hasProgress(): boolean {
    return this.state.trainedOn > 0 || this.els.box.value.trim() !== '';
  }

  private onStart(): void {
    this.showIntro(false);
    if (this.current) {
      this.state = lesson.trained(this.state, this.current.sentences.length, this.forgetting(this.current));
      void this.onProbe();
    }
    this.render();
    (this.state.phase === 'compare' ? this.els.probe : this.els.box).focus();
  }

  private forgetting(r: { before: number; after: number }): number {
    return forgettingChange(r.before, r.after);
  }

  /** What this device kept for this language: the change goes back into the worker. */
  private async restore(): Promise<void> {
    const saved = await this.store?.load(this.lang);
    const shared = (await this.store?.shared(this.lang)) ?? false;
    if (!saved || !this.sys.isActive()) return;
    this.els.share.checked = shared;
    this.undoable = saved.undoable;
    if (saved.dropped) this.keep = 'dropped';
    if (saved.current) {
      const ok = await this.use(saved.current);
      if (ok) {
        this.keep = 'restored';
        this.els.box.value = saved.current.sentences.join('\n');
        this.els.probe.value = lesson.firstProbe(this.lang, saved.current.sentences);
        this.state = lesson.chooseSetting(this.state, this.settingOf(saved.current.setting));
      }
    }
    this.render();
  }

  private settingOf(s: string): SettingId {
    return (SETTING_IDS as readonly string[]).includes(s) ? (s as SettingId) : 'normal';
  }

  /** Puts a kept change in use in the worker; false (and it is forgotten) when it does not fit. */
  private async use(record: TaughtRecord | null): Promise<boolean> {
    try {
      const meter = await app().model.teachUse(record?.update ?? null, record ? [...record.sentences] : []);
      if (!this.sys.isActive()) return false;
      this.current = meter.ok ? record : null;
      this.taught = new Set(meter.taught);
      if (!meter.ok) {
        this.keep = 'dropped';
        await this.store?.clear(this.lang);
      }
      return meter.ok;
    } catch {
      if (this.sys.isActive()) this.rest();
      return false;
    }
  }

  private onExample(set: lesson.ExampleSet): void {
    this.els.box.value = set.sentences.join('\n');
    this.els.probe.value = set.probe;
    this.renderWrite();
    this.els.box.focus();
  }

  private onSetting(v: SettingId): void {
    this.state = lesson.chooseSetting(this.state, v);
    this.render();
  }

  private async onTeach(): Promise<void> {
    const checked = lesson.checkSentences(this.els.box.value);
    if (checked.problem || this.busy) {
      this.renderWrite();
      return;
    }
    this.busy = true;
    this.losses = [];
    this.steps = SETTINGS[this.state.setting].steps;
    this.state = lesson.startTraining(this.state);
    this.message = null;
    this.render();
    this.els.stop.focus();
    try {
      const r = await app().model.teachTrain(
        checked.sentences,
        SETTINGS[this.state.setting],
        this.seed,
        (_step, loss) => {
          if (!this.sys.isActive()) return;
          this.losses.push(loss);
          this.trainFrameSoon();
        },
      );
      if (!this.sys.isActive()) return;
      this.losses = r.losses;
      this.trainMs = r.ms;
      this.taught = new Set(r.taught);
      const record: TaughtRecord = {
        v: 1,
        sentences: checked.sentences,
        setting: this.state.setting,
        update: r.update,
        before: r.before,
        after: r.after,
        savedAt: Date.now(),
      };
      this.current = record;
      const saved = await this.store?.save(this.lang, record);
      this.keep = saved ? 'saved' : 'unavailable';
      this.undoable = saved?.undoable ?? false;
      this.state = lesson.trained(this.state, checked.sentences.length, this.forgetting(r));
      if (this.els.probe.value.trim() === '')
        this.els.probe.value = lesson.firstProbe(this.lang, checked.sentences);
      this.busy = false;
      // Trained: said before the first reading of before and after (the tests time the two apart).
      this.publishState();
      await this.onProbe();
    } catch {
      this.busy = false;
      if (!this.sys.isActive()) return;
      this.message = { key: 'teach:failed' };
      this.state = lesson.backToWrite(this.state);
    }
    this.render();
    if (this.state.phase === 'compare') this.els.probe.focus();
  }

  private async onProbe(): Promise<void> {
    const probe = this.els.probe.value.replace(/\s+/g, ' ').trim();
    if (probe === '') {
      this.probeMessage = { key: 'teach:emptyProbe' };
      this.render();
      return;
    }
    try {
      const out = await app().model.teachCompare(probe, 5, GOES_ON, this.seed);
      if (!this.sys.isActive()) return;
      const sentences = this.current?.sentences ?? [];
      const isNew = !lesson.inSentences(probe, sentences);
      const brought = out.after
        ? lesson.newWords(out.before.top, out.after.top, this.taught, out.afterWasP)
        : [];
      this.compare = {
        ...out,
        probe,
        isNew,
        brought: brought.map((w) => this.word(w.token)),
        broughtIds: new Set(brought.map((w) => w.id)),
      };
      this.state = lesson.compared(this.state, isNew, brought);
      this.probeMessage = !out.after
        ? { key: 'teach:noChange' }
        : !isNew
          ? { key: 'teach:inSentences' }
          : brought.length > 0
            ? {
                key: 'teach:learnedNew',
                params: { words: this.compare.brought.join(this.lang === 'zh' ? '”、“' : '”, “') },
              }
            : { key: 'teach:notYet' };
    } catch {
      if (this.sys.isActive()) this.rest();
      return;
    }
    this.render();
  }

  private onAgain(): void {
    this.state = lesson.backToWrite(this.state);
    this.render();
    this.els.box.focus();
  }

  private async onUndo(): Promise<void> {
    if (!this.undoable || this.busy) return;
    const back = await this.store?.undo(this.lang);
    if (!back || !this.sys.isActive()) return;
    this.undoable = back.undoable;
    await this.use(back.current);
    this.keep = 'undone';
    this.afterChange();
  }

  private async onClear(): Promise<void> {
    if (this.busy) return;
    const ok = (await this.store?.clear(this.lang)) ?? false;
    if (!this.sys.isActive()) return;
    await this.use(null);
    this.undoable = false;
    this.keep = ok ? 'cleared' : 'unavailable';
    this.afterChange();
  }

  private afterChange(): void {
    const c = this.current;
    this.state = lesson.changed(
      this.state,
      c ? { sentences: c.sentences.length, forgetting: this.forgetting(c) } : null,
    );
    this.compare = null;
    if (c) {
      this.els.box.value = c.sentences.join('\n');
      if (this.els.probe.value.trim() === '')
        this.els.probe.value = lesson.firstProbe(this.lang, c.sentences);
      void this.onProbe();
    }
    this.render();
    (this.state.phase === 'compare' ? this.els.probe : this.els.box).focus();
  }

  /** A token as the level shows it: `<unk>` as "a word I don't know". */
  private word(token: string): string {
    if (token === SPECIALS[UNK]) return t('teach:unknownMark');
    return tokenLabel(this.lang, token, 'nextWord:end').text;
  }

  protected render(): void {
    if (!this.els) return;
    const phase = this.state.phase;
    const e = this.els;
    e.write.hidden = phase !== 'write';
    e.train.hidden = phase !== 'train';
    e.compare.hidden = phase !== 'compare';
    // Whether the other levels may use it: asked whenever something taught is kept.
    e.shareLabel.hidden = this.current === null || phase === 'train';
    e.settings.forEach((input, i) => {
      input.checked = SETTING_IDS[i] === this.state.setting;
      input.disabled = this.busy;
    });
    this.setText(e.message, this.message);
    this.renderWrite();
    this.renderTrain();
    this.renderCompare();
    const keepKey: Record<Keep, Key | null> = {
      none: null,
      saved: null,
      restored: 'teach:restored',
      undone: 'teach:undone',
      cleared: 'teach:cleared',
      dropped: 'teach:dropped',
      unavailable: 'teach:unavailable',
    };
    const k = keepKey[this.keep];
    this.setText(e.keep, k ? { key: k } : null);
    this.publishState();
  }

  private setText(el: HTMLElement, m: Message): void {
    el.textContent = m ? t(m.key, m.params) : '';
    el.hidden = m === null;
  }

  private renderWrite(): void {
    const e = this.els;
    const checked = lesson.checkSentences(e.box.value);
    e.count.textContent = t('teach:count', { count: checked.sentences.length });
    const problem: Message =
      checked.problem && !(checked.problem === 'empty' && e.box.value === '')
        ? {
            key: `teach:problem.${checked.problem}`,
            params: { count: checked.sentences.length, line: checked.line ?? 0 },
          }
        : null;
    const notes: string[] = [];
    if (problem) notes.push(t(problem.key, problem.params));
    if (checked.pictures) notes.push(t('teach:pictures'));
    e.problem.textContent = notes.join(' ');
    e.problem.hidden = notes.length === 0;
    const unknown = lesson.unknownWords(this.lang, checked.sentences.join('\n'), this.vocab);
    e.unknown.textContent =
      checked.sentences.length === 0
        ? ''
        : unknown.length > 0
          ? t('teach:unknown', { words: unknown.slice(0, 8).join(', '), count: unknown.length })
          : t('teach:unknownNone');
    e.teach.disabled = checked.problem !== null || this.busy || this.modelPhase !== 'ready';
    this.publishState();
  }

  /**
   * The loss curve and its line drawn again at most every TRAIN_REDRAW_MS, however fast the steps
   * come: the page stays light while the worker (and on a tablet, the rest of the device) is busy.
   */
  private trainFrameSoon(): void {
    if (this.trainFrame !== 0) return;
    this.trainFrame = window.setTimeout(() => {
      requestAnimationFrame(() => {
        this.trainFrame = 0;
        if (!this.sys.isActive()) return;
        this.renderTrain();
        this.publishState();
      });
    }, TRAIN_REDRAW_MS);
  }

  protected override shutdown(): void {
    clearTimeout(this.trainFrame);
    this.trainFrame = 0;
    clearTimeout(this.warmFormat);
    this.warmFormat = 0;
    super.shutdown();
  }

  private renderTrain(): void {
    const e = this.els;
    const last = this.losses[this.losses.length - 1];
    e.lossText.textContent =
      last === undefined
        ? ''
        : t('teach:lossNow', { step: this.losses.length, steps: this.steps, loss: this.num(last, 3) });
    e.stop.disabled = !this.busy;
    this.paintLoss();
  }

  private num(v: number, digits: number): string {
    return numberFormat(currentLang() === 'zh' ? 'zh-CN' : 'en', digits).format(v);
  }

  private paintLoss(): void {
    const c = this.els.loss;
    const w = c.clientWidth || c.width;
    const hgt = c.clientHeight || c.height;
    const ratio = Math.min(2, window.devicePixelRatio || 1);
    if (c.width !== Math.round(w * ratio)) c.width = Math.round(w * ratio);
    if (c.height !== Math.round(hgt * ratio)) c.height = Math.round(hgt * ratio);
    const g = c.getContext('2d');
    if (!g) return;
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, w, hgt);
    const pad = 12;
    g.strokeStyle = '#888';
    g.lineWidth = 1;
    g.beginPath();
    g.moveTo(pad, pad);
    g.lineTo(pad, hgt - pad);
    g.lineTo(w - pad, hgt - pad);
    g.stroke();
    const losses = this.losses;
    if (losses.length === 0) return;
    const top = Math.max(0.01, ...losses);
    const n = Math.max(2, this.steps);
    const x = (i: number) => pad + ((w - 2 * pad) * i) / (n - 1);
    const y = (v: number) => hgt - pad - ((hgt - 2 * pad) * v) / top;
    g.strokeStyle = '#2563eb';
    g.lineWidth = 3;
    g.beginPath();
    losses.forEach((v, i) => (i === 0 ? g.moveTo(x(i), y(v)) : g.lineTo(x(i), y(v))));
    g.stroke();
  }

  private renderCompare(): void {
    const e = this.els;
    e.undo.disabled = !this.undoable || this.busy;
    e.finish.hidden = this.state.best === 0;
    e.trainedIn.textContent =
      this.trainMs > 0
        ? t('teach:trainedIn', { seconds: this.num(this.trainMs / 1000, 1), steps: this.losses.length })
        : '';
    this.setText(e.probeNote, this.probeMessage);
    clear(e.sides);
    const c = this.compare;
    if (c) {
      e.sides.append(this.side('before', c.before, c.probe, new Set()));
      if (c.after) e.sides.append(this.side('after', c.after, c.probe, c.broughtIds));
    }
    const r = this.current;
    const meterBox = e.meter.parentElement;
    if (meterBox) meterBox.hidden = !r;
    if (r) {
      const change = this.forgetting(r);
      const pct = `${change >= 0 ? '+' : '−'}${this.num(Math.abs(change) * 100, 1)} %`;
      e.meterBar.style.width = `${Math.min(100, Math.max(0, (change / 0.3) * 100))}%`;
      e.meterBar.classList.toggle('high', change > lesson.FORGET_LIMIT);
      e.meter.setAttribute('aria-valuenow', String(Math.round(Math.max(0, change) * 100)));
      e.meter.setAttribute('aria-label', t('teach:meterLabel', { change: pct }));
      e.meterText.textContent = t('teach:meterText', {
        before: this.num(r.before, 2),
        after: this.num(r.after, 2),
        change: pct,
      });
      e.meterVerdict.textContent = t(change > lesson.FORGET_LIMIT ? 'teach:meterHigh' : 'teach:meterOk');
    }
  }

  /** One side of the comparison; `learned`: the player's words it brought into the top 3 (ticked). */
  private side(
    which: 'before' | 'after',
    s: TeachCompare['before'],
    probe: string,
    learned: ReadonlySet<number>,
  ): HTMLElement {
    const joiner = this.lang === 'en' ? ' ' : '';
    const list = h('ol', { class: 'teach-top', 'data-testid': `${which}-top` });
    for (const w of s.top) list.append(this.topRow(w, learned.has(w.id)));
    // The decoded text writes a word it does not know as <unk>: said kindly instead.
    const text = s.text.split(SPECIALS[UNK]).join(`[${t('teach:unknownMark')}]`);
    return h(
      'article',
      { class: `card teach-side ${which}`, 'data-testid': `side-${which}` },
      h('h3', { class: 'teach-h3' }, t(`teach:${which}`)),
      h('p', { class: 'note' }, t('teach:topLabel')),
      list,
      h('p', { class: 'note' }, t('teach:goesOn')),
      h(
        'p',
        { class: `teach-goes-on${this.lang === 'zh' ? ' no-spaces' : ''}` },
        `${probe}${joiner}`,
        h('strong', {}, text),
      ),
    );
  }

  private topRow(w: NextToken, mine: boolean): HTMLElement {
    const unknown = w.id === UNK;
    const pct = Math.max(0, Math.min(100, w.p * 100));
    // Set through the style object: the page's CSP refuses style attributes.
    const bar = h('span', { class: 'teach-word-bar' });
    bar.style.width = `${pct.toFixed(1)}%`;
    return h(
      'li',
      { class: `teach-word${mine ? ' mine' : ''}${unknown ? ' unknown' : ''}` },
      h('span', { class: 'teach-word-text' }, this.word(w.token)),
      h('span', { class: 'teach-word-track' }, bar),
      h('span', { class: 'teach-word-p' }, `${this.num(pct, 1)} %`),
    );
  }

  private publishState(): void {
    if (!this.els) return;
    const checked = lesson.checkSentences(this.els.box.value);
    const c = this.compare;
    const r = this.current;
    this.publish({
      phase: this.phaseShown(this.state.phase),
      setting: this.state.setting,
      sentences: checked.sentences.length,
      problem: checked.problem,
      pictures: checked.pictures,
      unknown: lesson.unknownWords(this.lang, checked.sentences.join('\n'), this.vocab),
      trainedOn: this.state.trainedOn,
      busy: this.busy,
      losses: {
        count: this.losses.length,
        first: this.losses[0] ?? null,
        last: this.losses[this.losses.length - 1] ?? null,
      },
      trainMs: Math.round(this.trainMs),
      meter: r ? { before: r.before, after: r.after, change: this.forgetting(r) } : null,
      compare: c
        ? {
            probe: c.probe,
            isNew: c.isNew,
            brought: c.brought,
            before: c.before.top.map((w) => w.token),
            after: c.after?.top.map((w) => w.token) ?? null,
          }
        : null,
      stars: lesson.starsNow(this.state),
      best: this.state.best,
      undoable: this.undoable,
      saved: this.keep,
    });
  }
}

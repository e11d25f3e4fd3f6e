import { LevelScene } from './LevelScene';
import { labBody } from '../lab';
import { actionButton } from '../widgets';
import { app } from '../../src/app';
import { h, clear } from '../../src/ui/overlay';
import { currentLang, t, type Key, type Params } from '../../src/i18n';
import { openSignStore, type SignStore } from '../../src/storage/signs';
import * as lesson from '../../src/lessons/drawDigit';
import * as prep from '../../src/lessons/digitPrep';
import { SIGNS, SIGN_MARK, preparedSign, type RawStroke, type SignId } from '../../src/lessons/signs';
import { Trainer, argmax, softmax, type Head } from '../../src/lessons/signHead';
import { roundRng } from '../../src/lessons/rng';

/** The pen: about a finger wide on the pad (a twelfth of its side). Strokes are kept in pad units (0 … 1). */
const PEN = 1 / 12;
/** Training steps run per animation frame: the loss curve grows and no task holds the page long. */
const STEPS_PER_FRAME = 15;

interface PreparedDigits {
  readonly digits: readonly { label: number; mnistIndex: number; strokes: RawStroke[] }[];
}
interface Card {
  readonly weights: number;
  readonly neurons: number;
  readonly heldOutAccuracy: number;
}
interface Reading {
  /** How many strokes (and points) the drawing had when it was read. */
  readonly strokes: number;
  readonly points: number;
  readonly grid: Float32Array;
  readonly features: Float32Array;
  readonly digitChances: number[];
  /** With a new layer (the tests): digits then signs; else the ten digits. */
  readonly chances: number[];
  readonly read: number;
  readonly ms: number;
}
type Message = { key: Key; params?: Params } | null;

/** Level "draw-digit": draw, see the 784 numbers, the network reads them; then teach it a sign. */
export class DrawDigitScene extends LevelScene {
  private state = lesson.newGame(1);
  private strokes: { x: number; y: number }[][] = [];
  private pointer: number | null = null;
  /** The pad is cleared when the next drawing starts (after a read was counted). */
  private clearOnDraw = false;
  private reading: Reading | null = null;
  private readingSeq = 0;
  private readingsDone = 0;
  private message: Message = null;
  private loaded = false;
  private failed = false;
  private msPerRead = 0;
  private preparedDigits: PreparedDigits['digits'] = [];
  private card: Card | null = null;
  private preparedUsed = 0;
  /** Features of the prepared digits: what "a digit" is to the new layer. */
  private digitFeatures: Float32Array[] = [];
  /** Per taught sign: its examples' features and grids (bytes, for IndexedDB). */
  private signFeatures: Float32Array[][] = [];
  private signGrids: number[][][] = [];
  private head: Head | null = null;
  private trainer: Trainer | null = null;
  private trainFrame = 0;
  private tests: { asked: number; features: Float32Array; chances: number[] }[] = [];
  private compare: { one: number; all: number } | null = null;
  private store: SignStore | null = null;
  private keep: 'none' | 'restored' | 'saved' | 'cleared' | 'unavailable' = 'none';
  private ready: Promise<void> = Promise.resolve();
  private els!: {
    instruction: HTMLElement;
    pad: HTMLCanvasElement;
    padBox: HTMLElement;
    read: HTMLButtonElement;
    clearPad: HTMLButtonElement;
    prepared: HTMLButtonElement;
    keyNote: HTMLElement;
    message: HTMLElement;
    score: HTMLElement;
    steps: HTMLElement;
    crop: HTMLCanvasElement;
    box20: HTMLCanvasElement;
    grid28: HTMLCanvasElement;
    numbers: HTMLElement;
    bars: HTMLElement;
    barsSummary: HTMLElement;
    book: HTMLElement;
    won: HTMLElement;
    teach: HTMLButtonElement;
    signsBox: HTMLElement;
    signButtons: Map<SignId, HTMLButtonElement>;
    addExample: HTMLButtonElement;
    train: HTMLButtonElement;
    clearSigns: HTMLButtonElement;
    lossBox: HTMLElement;
    loss: HTMLCanvasElement;
    lossText: HTMLElement;
    result: HTMLElement;
    resultText: HTMLElement;
    compareText: HTMLElement;
    teachMore: HTMLButtonElement;
    finish: HTMLButtonElement;
    loading: HTMLElement;
    readRow: HTMLElement;
    exampleRow: HTMLElement;
  };

  constructor() {
    super('draw-digit');
  }

  protected build(): void {
    this.state = lesson.newGame(this.seed);
    this.strokes = [];
    this.pointer = null;
    this.clearOnDraw = false;
    this.reading = null;
    this.readingSeq = 0;
    this.readingsDone = 0;
    this.message = null;
    this.loaded = false;
    this.failed = false;
    this.preparedUsed = 0;
    this.digitFeatures = [];
    this.signFeatures = [];
    this.signGrids = [];
    this.head = null;
    this.trainer = null;
    this.tests = [];
    this.compare = null;
    this.keep = 'none';
    const ui = this.ui;

    const instruction = h('p', { class: 'instruction digit-ask', 'data-testid': 'instruction' });
    const pad = h('canvas', { class: 'digit-pad', 'data-testid': 'pad' });
    ui.attr(pad, 'aria-label', 'drawDigit:padLabel');
    pad.setAttribute('role', 'img');
    const padBox = h('div', { class: 'digit-pad-box' }, pad);
    const read = actionButton(ui, 'drawDigit:read', 'read', () => void this.onRead(), true);
    const clearPad = actionButton(ui, 'drawDigit:clear', 'clear', () => this.onClear());
    const prepared = actionButton(ui, 'drawDigit:prepared', 'prepared', () => this.onPrepared());
    const addExample = actionButton(
      ui,
      'drawDigit:addExample',
      'add-example',
      () => void this.onAddExample(),
      true,
    );
    const readRow = h('span', { class: 'digit-action' }, read);
    const exampleRow = h('span', { class: 'digit-action' }, addExample);
    const keyNote = ui.text(
      h('p', { class: 'note key-hint', 'data-testid': 'key-note' }),
      'drawDigit:keyNote',
    );
    const message = h('p', { class: 'message', 'data-testid': 'message', role: 'status' });
    const score = h('p', { class: 'readout', 'data-testid': 'score' });

    const stepCanvas = (testId: string, key: Key, size: number): [HTMLElement, HTMLCanvasElement] => {
      const c = h('canvas', { class: 'digit-step-canvas', width: size, height: size, 'data-testid': testId });
      c.setAttribute('aria-hidden', 'true');
      return [h('figure', { class: 'digit-step' }, c, ui.text(h('figcaption', {}), key)), c];
    };
    const [cropFig, crop] = stepCanvas('step-crop', 'drawDigit:stepCrop', 84);
    const [fig20, box20] = stepCanvas('step-20', 'drawDigit:step20', 80);
    const [fig28, grid28] = stepCanvas('step-28', 'drawDigit:step28', 112);
    const numbers = h('pre', { class: 'digit-numbers', 'data-testid': 'numbers', tabindex: '0' });
    ui.attr(numbers, 'aria-label', 'drawDigit:numbersLabel');
    const details = h(
      'details',
      { class: 'digit-details' },
      ui.text(h('summary', { 'data-testid': 'numbers-toggle' }), 'drawDigit:numbersShow'),
      ui.text(h('p', { class: 'note' }), 'drawDigit:numbersLabel'),
      numbers,
    );
    const steps = h(
      'section',
      { class: 'digit-steps', 'data-testid': 'steps' },
      ui.text(h('h2', { class: 'digit-h' }), 'drawDigit:stepsTitle'),
      h('div', { class: 'digit-step-row' }, cropFig, fig20, fig28),
      details,
    );
    const bars = h('div', { class: 'digit-bars', 'data-testid': 'bars', role: 'list' });
    ui.attr(bars, 'aria-label', 'drawDigit:barsLabel');
    const barsSummary = h('p', {
      class: 'visually-hidden',
      'aria-live': 'polite',
      'data-testid': 'bars-summary',
    });
    const book = h('p', { class: 'note', 'data-testid': 'book-numbers' });
    const credit = ui.text(h('p', { class: 'note' }), 'drawDigit:credit');

    const teach = actionButton(ui, 'drawDigit:teach', 'teach', () => this.onTeach(), true);
    const finish = this.finishButton(() => void this.completeLevel(lesson.starsFor(this.state)));
    const won = h('div', { class: 'level-actions', 'data-testid': 'won' }, teach);

    const signButtons = new Map<SignId, HTMLButtonElement>();
    const signRow = h('div', { class: 'tiles digit-signs', role: 'group', 'data-testid': 'signs' });
    ui.attr(signRow, 'aria-label', 'drawDigit:signsLabel');
    for (const id of SIGNS) {
      const b = h('button', { type: 'button', class: 'btn tile digit-sign', 'data-testid': `sign-${id}` });
      b.setAttribute('aria-pressed', 'false');
      ui.listen(b, 'click', () => this.onChooseSign(id));
      signButtons.set(id, b);
      signRow.append(b);
    }
    const train = actionButton(ui, 'drawDigit:train', 'train', () => this.onTrain(), true);
    const clearSigns = actionButton(
      ui,
      'drawDigit:clearSigns',
      'clear-signs',
      () => void this.onClearSigns(),
    );
    const signsBox = h(
      'section',
      { class: 'digit-signs-box', 'data-testid': 'signs-box' },
      ui.text(h('p', { class: 'instruction' }), 'drawDigit:signsGoal'),
      signRow,
      h('div', { class: 'level-actions' }, train, clearSigns),
      ui.text(h('p', { class: 'note' }), 'drawDigit:trainNote'),
    );
    const loss = h('canvas', { class: 'digit-loss', width: 320, height: 140, 'data-testid': 'loss' });
    ui.attr(loss, 'aria-label', 'drawDigit:lossLabel');
    loss.setAttribute('role', 'img');
    const lossText = h('p', { class: 'readout', 'data-testid': 'loss-text', 'aria-live': 'polite' });
    const lossBox = h(
      'section',
      { class: 'digit-loss-box' },
      ui.text(h('p', { class: 'note' }), 'drawDigit:lossLabel'),
      loss,
      lossText,
    );
    const resultText = h('p', { class: 'readout', 'data-testid': 'result' });
    const compareText = h('p', { class: 'note', 'data-testid': 'compare' });
    const teachMore = actionButton(ui, 'drawDigit:teachMore', 'teach-more', () => this.onTeach());
    const result = h(
      'section',
      { class: 'digit-result', 'data-testid': 'result-box' },
      resultText,
      compareText,
      h('div', { class: 'level-actions' }, teachMore),
    );
    const loading = ui.text(
      h('p', { class: 'note', 'data-testid': 'loading', role: 'status' }),
      'drawDigit:loading',
    );

    const body = labBody(
      [
        instruction,
        padBox,
        h('div', { class: 'level-actions digit-pad-actions' }, readRow, exampleRow, clearPad, prepared),
      ],
      [
        message,
        score,
        won,
        signsBox,
        lossBox,
        result,
        h('div', { class: 'level-actions' }, finish),
        steps,
        barsSummary,
        bars,
        keyNote,
        book,
        credit,
      ],
    );
    body.classList.add('draw-digit');
    this.els = {
      instruction,
      pad,
      padBox,
      read,
      clearPad,
      prepared,
      keyNote,
      message,
      score,
      steps,
      crop,
      box20,
      grid28,
      numbers,
      bars,
      barsSummary,
      book,
      won,
      teach,
      signsBox,
      signButtons,
      addExample,
      train,
      clearSigns,
      lossBox,
      loss,
      lossText,
      result,
      resultText,
      compareText,
      teachMore,
      finish,
      loading,
      readRow,
      exampleRow,
    };
    this.listenPad(pad);
    const resize = new ResizeObserver(() => this.paintPad());
    resize.observe(padBox);
    ui.onDestroy(() => resize.disconnect());
    ui.onRetranslate(() => this.render());

    this.mount({ body, before: [loading] }, () => {
      this.showIntro(false);
      this.els.prepared.focus();
      this.render();
    });
    this.showIntro(true);
    this.ready = this.loadAll();
    this.render();
  }

  /** Everything of this level is HTML (the pad and the grids are canvases in the page). */
  protected override readonly canvasFree = true;

  protected layout(): void {}

  protected override shutdown(): void {
    cancelAnimationFrame(this.trainFrame);
    this.trainer = null;
  }

  // ---------------------------------------------------------------------------------------------
  // Loading: the network (in the model worker), the prepared drawings, the card, the saved signs.

  private async loadAll(): Promise<void> {
    const base = document.baseURI;
    try {
      const [info, drawings, card] = await Promise.all([
        app().model.loadDigits({ base }),
        fetch(new URL('data/draw-digit/drawings.json', base).href).then((r) =>
          r.ok ? (r.json() as Promise<PreparedDigits>) : Promise.reject(new Error(`drawings ${r.status}`)),
        ),
        fetch(new URL('models/digits/card.json', base).href).then((r) =>
          r.ok ? (r.json() as Promise<Card>) : Promise.reject(new Error(`card ${r.status}`)),
        ),
      ]);
      if (!this.sys.isActive()) return;
      this.msPerRead = info.msPerRead;
      this.preparedDigits = drawings.digits;
      this.card = card;
      // "A digit", to the new layer: the prepared digits, each drawn as it would be on the pad.
      const grids = drawings.digits.map((d) => this.gridOf(d.strokes));
      const r = await app().model.readDigits(concat(grids), grids.length);
      if (!this.sys.isActive()) return;
      this.digitFeatures = splitRows(r.features, r.featureCount);
      this.loaded = true;
      await this.restoreSigns();
    } catch (e) {
      console.warn('[draw-digit] the network did not load', e);
      this.failed = true;
    }
    if (this.sys.isActive()) this.render();
  }

  private gridOf(strokes: RawStroke[]): Float32Array {
    const placed = prep.placeStrokes(strokes, { x: 0.1, y: 0.1, size: 0.8 });
    return (prep.prepare(placed, PEN) as prep.Prepared).grid;
  }

  private async restoreSigns(): Promise<void> {
    this.store = openSignStore();
    const saved = lesson.parseSavedSigns(await this.store.load());
    if (!saved || saved.signs.length === 0) return;
    const grids = saved.signs.flatMap((s) => s.grids);
    let features: Float32Array[] = [];
    if (grids.length > 0) {
      const r = await app().model.readDigits(
        concat(grids.map((g) => Float32Array.from(g, (v) => v / 255))),
        grids.length,
      );
      features = splitRows(r.features, r.featureCount);
    }
    if (!this.sys.isActive()) return;
    let at = 0;
    this.signGrids = saved.signs.map((s) => s.grids.map((g) => [...g]));
    this.signFeatures = saved.signs.map((s) => s.grids.map(() => features[at++] as Float32Array));
    this.pendingSaved = saved;
    this.keep = 'restored';
  }

  /** Saved signs, put back once the player reaches the signs. */
  private pendingSaved: lesson.SavedSigns | null = null;

  private async persist(): Promise<void> {
    if (!this.store) return;
    const record: lesson.SavedSigns = {
      version: 1,
      signs: this.state.signs.map((s, i) => ({ id: s.id, grids: this.signGrids[i] ?? [] })),
    };
    const ok = await this.store.save(record);
    this.keep = ok ? 'saved' : 'unavailable';
    if (!ok) this.say('drawDigit:noSave');
    this.render();
  }

  // ---------------------------------------------------------------------------------------------
  // The pad.

  private listenPad(pad: HTMLCanvasElement): void {
    // The pad's place is read once a stroke (on pointerdown), not at each move: no layout asked for while drawing.
    let r = pad.getBoundingClientRect();
    const at = (e: PointerEvent): { x: number; y: number } => {
      return { x: (e.clientX - r.left) / r.width, y: (e.clientY - r.top) / r.height };
    };
    this.ui.listen(pad, 'pointerdown', (e) => {
      if (this.pointer !== null || !this.canDraw()) return;
      e.preventDefault();
      pad.setPointerCapture(e.pointerId);
      this.pointer = e.pointerId;
      if (this.clearOnDraw) this.wipe();
      r = pad.getBoundingClientRect();
      this.strokes.push([at(e)]);
      this.paintPad();
    });
    this.ui.listen(pad, 'pointermove', (e) => {
      if (e.pointerId !== this.pointer) return;
      e.preventDefault();
      const stroke = this.strokes[this.strokes.length - 1];
      if (!stroke || prep.pointCount(this.strokes) >= prep.MAX_POINTS) return;
      const events = typeof e.getCoalescedEvents === 'function' ? e.getCoalescedEvents() : [e];
      for (const ev of events.length > 0 ? events : [e]) {
        const p = at(ev);
        const last = stroke[stroke.length - 1] as { x: number; y: number };
        if (Math.hypot(p.x - last.x, p.y - last.y) < 0.004) continue;
        stroke.push(p);
        this.paintSegment(last, p);
      }
    });
    const end = (e: PointerEvent): void => {
      if (e.pointerId !== this.pointer) return;
      this.pointer = null;
      void this.readNow();
    };
    this.ui.listen(pad, 'pointerup', end);
    this.ui.listen(pad, 'pointercancel', end);
    // No scrolling, zooming or long-press menu while drawing.
    this.ui.listen(pad, 'touchstart', (e) => e.preventDefault());
    this.ui.listen(pad, 'contextmenu', (e) => e.preventDefault());
  }

  private canDraw(): boolean {
    return this.loaded && ['digits', 'digitsWon', 'signs', 'test'].includes(this.state.phase);
  }

  private wipe(): void {
    this.strokes = [];
    this.reading = null;
    this.readingSeq++;
    this.clearOnDraw = false;
    this.paintPad();
    this.paintSteps(null);
  }

  /** The pad at its size on screen (sharp on high-density screens), with the strokes drawn again. */
  private paintPad(): void {
    const pad = this.els.pad;
    const side = Math.max(1, Math.round(this.els.padBox.clientWidth));
    // Sharp enough at 1.5 pixels a point; a bigger canvas only costs time to paint.
    const dpr = Math.min(1.5, window.devicePixelRatio || 1);
    if (pad.width !== Math.round(side * dpr)) {
      pad.width = Math.round(side * dpr);
      pad.height = Math.round(side * dpr);
    }
    const g = pad.getContext('2d');
    if (!g) return;
    g.setTransform(1, 0, 0, 1, 0, 0);
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, pad.width, pad.height);
    g.setTransform(pad.width, 0, 0, pad.height, 0, 0);
    this.penStyle(g);
    for (const s of this.strokes) {
      g.beginPath();
      const first = s[0];
      if (!first) continue;
      g.moveTo(first.x, first.y);
      for (const p of s.length > 1 ? s : [first, first]) g.lineTo(p.x, p.y);
      g.stroke();
    }
  }

  private paintSegment(a: { x: number; y: number }, b: { x: number; y: number }): void {
    const pad = this.els.pad;
    const g = pad.getContext('2d');
    if (!g) return;
    g.setTransform(pad.width, 0, 0, pad.height, 0, 0);
    this.penStyle(g);
    g.beginPath();
    g.moveTo(a.x, a.y);
    g.lineTo(b.x, b.y);
    g.stroke();
  }

  private penStyle(g: CanvasRenderingContext2D): void {
    g.strokeStyle = '#1b2a3a';
    g.lineWidth = PEN;
    g.lineCap = 'round';
    g.lineJoin = 'round';
  }

  // ---------------------------------------------------------------------------------------------
  // Reading a drawing.

  /** Prepares the drawing and asks the network; the newest drawing's answer wins. */
  private async readNow(): Promise<Reading | null> {
    const prepared = prep.prepare(this.strokes, PEN);
    this.paintSteps(prepared);
    if (!prepared || !this.loaded) return null;
    const seq = ++this.readingSeq;
    const strokes = this.strokes.length;
    const points = prep.pointCount(this.strokes);
    try {
      const r = await app().model.readDigits(prepared.grid, 1);
      if (!this.sys.isActive() || seq !== this.readingSeq) return null;
      const digitChances = softmax(r.logits);
      const features = r.features;
      let chances = digitChances;
      if (this.state.phase === 'test' && this.head)
        chances = lesson.readWithSigns(this.head, features, digitChances).chances;
      this.reading = {
        strokes,
        points,
        grid: prepared.grid,
        features,
        digitChances,
        chances,
        read: argmax(chances),
        ms: r.ms,
      };
      this.readingsDone++;
      this.render();
      return this.reading;
    } catch (e) {
      console.warn('[draw-digit] reading failed', e);
      this.failed = true;
      this.render();
      return null;
    }
  }

  /** The reading of the drawing as it is now (read again if it changed). */
  private async current(): Promise<Reading | null> {
    await this.ready;
    const r = this.reading;
    if (r && r.strokes === this.strokes.length && r.points === prep.pointCount(this.strokes)) return r;
    return this.readNow();
  }

  private paintSteps(p: prep.Prepared | null): void {
    const { crop, box20, grid28, numbers } = this.els;
    const g = crop.getContext('2d');
    if (g) {
      g.setTransform(1, 0, 0, 1, 0, 0);
      g.fillStyle = '#ffffff';
      g.fillRect(0, 0, crop.width, crop.height);
      if (p) {
        const side = Math.max(p.crop.w, p.crop.h);
        const k = crop.width / side;
        g.setTransform(
          k,
          0,
          0,
          k,
          (side - p.crop.w) * k * 0.5 - p.crop.x * k,
          (side - p.crop.h) * k * 0.5 - p.crop.y * k,
        );
        this.penStyle(g);
        for (const s of this.strokes) {
          const first = s[0];
          if (!first) continue;
          g.beginPath();
          g.moveTo(first.x, first.y);
          for (const q of s.length > 1 ? s : [first, first]) g.lineTo(q.x, q.y);
          g.stroke();
        }
        g.setTransform(1, 0, 0, 1, 0, 0);
        g.strokeStyle = '#0072b2';
        g.setLineDash([4, 3]);
        g.lineWidth = 2;
        g.strokeRect(1, 1, crop.width - 2, crop.height - 2);
        g.setLineDash([]);
      }
    }
    paintGrid(box20, p?.box20 ?? null, prep.BOX);
    paintGrid(grid28, p?.grid ?? null, prep.SIZE);
    if (p) {
      const bytes = prep.asBytes(p.grid);
      const rows: string[] = [];
      for (let r = 0; r < prep.SIZE; r++)
        rows.push(
          bytes
            .slice(r * prep.SIZE, (r + 1) * prep.SIZE)
            .map((v) => String(v).padStart(3, ' '))
            .join(' '),
        );
      numbers.textContent = rows.join('\n');
    } else numbers.textContent = '';
  }

  // ---------------------------------------------------------------------------------------------
  // Actions.

  private say(key: Key, params?: Params): void {
    this.message = { key, params };
  }

  private onClear(): void {
    this.wipe();
    this.message = null;
    this.render();
  }

  /** A prepared drawing for the keyboard (and anyone): a traced MNIST digit, or the sign's own. */
  private onPrepared(): void {
    if (!this.canDraw()) return;
    const rng = roundRng(this.seed, 1000 + this.preparedUsed);
    let raw: RawStroke[] | null;
    if (this.state.phase === 'signs' || this.state.phase === 'test') {
      const sign =
        this.state.phase === 'signs'
          ? this.state.signs[this.state.current]
          : this.state.signs[lesson.askedSign(this.state)];
      if (!sign) {
        this.say('drawDigit:pickFirst');
        this.render();
        return;
      }
      raw = preparedSign(sign.id, this.preparedUsed + (this.state.phase === 'test' ? 500 : 0));
    } else {
      const want = this.state.phase === 'digits' ? lesson.askedDigit(this.state) : Math.floor(rng() * 10);
      const all = this.preparedDigits.filter((d) => d.label === want);
      raw = all[this.preparedUsed % Math.max(1, all.length)]?.strokes ?? null;
    }
    this.preparedUsed++;
    if (!raw) return;
    // Anywhere on the pad, at different sizes, as a child would draw.
    const size = 0.55 + rng() * 0.4;
    this.strokes = prep
      .placeStrokes(raw, { x: rng() * (1 - size), y: rng() * (1 - size), size })
      .map((st) => st.map((p) => ({ x: p.x, y: p.y })));
    this.clearOnDraw = false;
    this.message = null;
    this.paintPad();
    void this.readNow();
    const next = this.state.phase === 'signs' ? this.els.addExample : this.els.read;
    next.focus();
    this.render();
  }

  private async onRead(): Promise<void> {
    if (!this.loaded) return;
    if (prep.isEmpty(this.strokes)) {
      this.say('drawDigit:emptyPad');
      this.render();
      return;
    }
    if (this.clearOnDraw) return; // this drawing was counted already
    const r = await this.current();
    if (!r || !this.sys.isActive()) return;
    const s = this.state;
    if (s.phase === 'digits') {
      const asked = lesson.askedDigit(s);
      this.state = lesson.readDigit(s, r.read);
      if (r.read === asked)
        this.say('drawDigit:right', { digit: asked, count: lesson.digitsRight(this.state) });
      else this.say('drawDigit:wrong', { digit: asked, read: r.read });
      this.clearOnDraw = true;
      if (this.state.phase === 'digitsWon') {
        this.say('drawDigit:digitsWon');
        this.render();
        this.els.teach.focus();
        return;
      }
      this.els.prepared.focus();
    } else if (s.phase === 'test') {
      const asked = lesson.askedSign(s);
      const sign = this.signName(s.signs[asked]?.id ?? 'star');
      this.tests.push({ asked, features: r.features, chances: r.digitChances });
      this.state = lesson.recordTest(s, r.read);
      this.say(r.read === 10 + asked ? 'drawDigit:testRight' : 'drawDigit:testWrong', {
        sign,
        answer: this.answerName(r.read),
      });
      this.clearOnDraw = true;
      if (this.state.phase === 'result') {
        this.compare = lesson.fewerExamples(this.digitFeatures, this.signFeatures, this.tests, this.seed);
        this.render();
        this.els.finish.focus();
        return;
      }
      this.els.prepared.focus();
    }
    this.render();
  }

  private onTeach(): void {
    this.state = lesson.startSigns(this.state);
    if (this.pendingSaved) {
      this.state = lesson.withSavedSigns(this.state, this.pendingSaved);
      this.pendingSaved = null;
      this.say('drawDigit:savedBack');
    } else this.message = null;
    this.tests = [];
    this.wipe();
    this.render();
    (this.state.signs.length > 0 ? this.els.prepared : this.els.signButtons.get('star'))?.focus();
  }

  private onChooseSign(id: SignId): void {
    const before = this.state.signs.length;
    this.state = lesson.chooseSign(this.state, id);
    if (this.state.signs.length > before) {
      this.signFeatures.push([]);
      this.signGrids.push([]);
    }
    // Focus first, while the page is as it was laid out: focus() after the page changed would make
    // the browser lay it out again inside the tap's task (a long task under load).
    this.els.prepared.focus();
    this.message = null;
    this.wipe();
    this.render();
  }

  private async onAddExample(): Promise<void> {
    const s = this.state;
    const sign = s.signs[s.current];
    if (!sign) {
      this.say('drawDigit:pickFirst');
      this.render();
      return;
    }
    if (prep.isEmpty(this.strokes)) {
      this.say('drawDigit:emptyPad');
      this.render();
      return;
    }
    if (sign.examples >= lesson.MAX_EXAMPLES) {
      this.say('drawDigit:full', { sign: this.signName(sign.id) });
      this.render();
      return;
    }
    const r = await this.current();
    if (!r || !this.sys.isActive() || this.state !== s) return;
    const at = s.current;
    this.signFeatures[at]?.push(r.features);
    this.signGrids[at]?.push(prep.asBytes(r.grid));
    this.state = lesson.addExample(s);
    this.head = null;
    // Focus first, before the page changes (see onChooseSign); the train button is enabled for it.
    const next = lesson.canTrain(this.state) ? this.els.train : this.els.prepared;
    if (next === this.els.train) this.els.train.disabled = false;
    next.focus();
    this.say('drawDigit:added', { n: sign.examples + 1, sign: this.signName(sign.id) });
    this.wipe();
    this.render();
    // Saved in a task of its own (copying the drawings into IndexedDB is not the tap's work).
    setTimeout(() => void this.persist(), 0);
  }

  private async onClearSigns(): Promise<void> {
    this.state = lesson.clearSigns(this.state);
    this.signFeatures = [];
    this.signGrids = [];
    this.head = null;
    this.pendingSaved = null;
    const ok = (await this.store?.clear()) ?? false;
    this.keep = ok ? 'cleared' : 'unavailable';
    this.say(ok ? 'drawDigit:cleared' : 'drawDigit:noSave');
    this.render();
  }

  private onTrain(): void {
    if (!lesson.canTrain(this.state)) {
      this.say('drawDigit:needMore');
      this.render();
      return;
    }
    this.state = lesson.startTraining(this.state);
    this.wipe();
    this.say('drawDigit:training');
    const set = lesson.teachingSet(this.digitFeatures, this.signFeatures);
    this.trainer = new Trainer(this.state.signs.length + 1, set, this.seed + this.state.trainings);
    this.render();
    const tick = (): void => {
      const trainer = this.trainer;
      if (!trainer || !this.sys.isActive()) return;
      // Reduced motion: the whole curve at once.
      trainer.step(app().reducedMotion() ? trainer.steps : STEPS_PER_FRAME);
      this.paintLoss();
      if (trainer.done) {
        this.head = trainer.head;
        this.state = lesson.trained(this.state);
        this.tests = [];
        this.say('drawDigit:trained');
        this.render();
        this.els.prepared.focus();
        return;
      }
      this.renderLossText();
      this.publishState();
      this.trainFrame = requestAnimationFrame(tick);
    };
    this.trainFrame = requestAnimationFrame(tick);
  }

  // ---------------------------------------------------------------------------------------------
  // Pictures and words.

  private signName(id: SignId): string {
    return t(`drawDigit:sign.${id}` as Key);
  }

  /** A sign's mark and its name (just the mark where the name is the mark: 一 二 三 in Chinese). */
  private signLabel(id: SignId): string {
    const name = this.signName(id);
    return name === SIGN_MARK[id] ? name : `${SIGN_MARK[id]} ${name}`;
  }

  /** An answer in words: a digit, or a sign's mark and name. */
  private answerName(read: number): string {
    if (read < 10) return String(read);
    const sign = this.state.signs[read - 10];
    return sign ? this.signLabel(sign.id) : '?';
  }

  private paintLoss(): void {
    const c = this.els.loss;
    const g = c.getContext('2d');
    if (!g) return;
    const losses = this.trainer?.losses ?? [];
    const steps = this.trainer?.steps ?? 1;
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, c.width, c.height);
    g.strokeStyle = '#4a5a6a';
    g.lineWidth = 1;
    g.beginPath();
    g.moveTo(30, 8);
    g.lineTo(30, c.height - 20);
    g.lineTo(c.width - 8, c.height - 20);
    g.stroke();
    const top = Math.max(0.01, ...losses);
    const x = (i: number) => 30 + ((c.width - 40) * i) / Math.max(1, steps - 1);
    const y = (v: number) => c.height - 20 - ((c.height - 30) * v) / top;
    g.strokeStyle = '#d55e00';
    g.lineWidth = 3;
    g.beginPath();
    losses.forEach((v, i) => (i === 0 ? g.moveTo(x(i), y(v)) : g.lineTo(x(i), y(v))));
    g.stroke();
    // Every tenth step marked with a dot: the curve is read by its shape, not its colour.
    g.fillStyle = '#1b2a3a';
    losses.forEach((v, i) => {
      if (i % 10 === 0) {
        g.beginPath();
        g.arc(x(i), y(v), 2.5, 0, Math.PI * 2);
        g.fill();
      }
    });
  }

  private renderLossText(): void {
    const tr = this.trainer;
    const last = tr?.losses[tr.losses.length - 1];
    this.els.lossText.textContent =
      tr && last !== undefined
        ? t('drawDigit:lossNow', {
            step: tr.losses.length,
            steps: tr.steps,
            loss: last.toLocaleString(currentLang() === 'zh' ? 'zh-CN' : 'en', { maximumFractionDigits: 3 }),
          })
        : '';
  }

  private renderBars(): void {
    const { bars, barsSummary } = this.els;
    clear(bars);
    const r = this.reading;
    if (!r) {
      barsSummary.textContent = '';
      return;
    }
    const locale = currentLang() === 'zh' ? 'zh-CN' : 'en';
    const pct = (p: number) =>
      (p * 100).toLocaleString(locale, { maximumFractionDigits: p < 0.01 ? 1 : 0 }) + '%';
    r.chances.forEach((p, i) => {
      const top = i === r.read;
      // Set through the CSSOM: the page's CSP allows no style attributes.
      const fill = h('span', { class: 'digit-bar-fill' });
      fill.style.width = `${Math.max(0.5, p * 100).toFixed(1)}%`;
      const row = h(
        'div',
        {
          class: `digit-bar${top ? ' top' : ''}`,
          role: 'listitem',
          'data-testid': 'bar',
          'data-answer': String(i),
        },
        h(
          'span',
          { class: 'digit-bar-label' },
          i < 10 ? String(i) : SIGN_MARK[this.state.signs[i - 10]?.id ?? 'star'],
        ),
        h('span', { class: 'digit-bar-track' }, fill),
        h('span', { class: 'digit-bar-text' }, `${top ? '✓ ' : ''}${pct(p)}`),
      );
      bars.append(row);
    });
    barsSummary.textContent = t('drawDigit:barsSummary', {
      answer: this.answerName(r.read),
      percent: pct(r.chances[r.read] ?? 0),
    });
  }

  private render(): void {
    if (!this.els) return;
    const s = this.state;
    const e = this.els;
    const phase = s.phase;
    const drawing = phase === 'digits' || phase === 'test' || phase === 'signs' || phase === 'digitsWon';
    e.loading.hidden = this.loaded && !this.failed;
    if (this.failed) this.ui.text(e.loading, 'drawDigit:resting');
    // The pad stays while the layer trains (nothing to draw then): the page does not jump twice.
    e.padBox.hidden = !drawing && phase !== 'train';
    e.clearPad.hidden = !drawing;
    e.prepared.hidden = !drawing;
    e.keyNote.hidden = !drawing;
    e.readRow.hidden = !(phase === 'digits' || phase === 'test');
    e.exampleRow.hidden = phase !== 'signs';
    e.won.hidden = phase !== 'digitsWon';
    e.signsBox.hidden = phase !== 'signs';
    e.lossBox.hidden = !(phase === 'train' || phase === 'test' || phase === 'result') || !this.trainer;
    e.result.hidden = phase !== 'result';
    e.finish.hidden = lesson.starsFor(s) === 0 || phase === 'train';
    e.steps.hidden = !drawing;
    e.bars.hidden = !(phase === 'digits' || phase === 'digitsWon' || phase === 'test');
    e.read.disabled = !this.loaded;
    e.book.hidden = !this.card;
    if (this.card)
      e.book.textContent = t('drawDigit:bookNumbers', {
        neurons: this.card.neurons.toLocaleString(currentLang() === 'zh' ? 'zh-CN' : 'en'),
        weights: this.card.weights.toLocaleString(currentLang() === 'zh' ? 'zh-CN' : 'en'),
      });

    // The instruction of the step.
    let ask = '';
    if (phase === 'digits') ask = t('drawDigit:askDigit', { digit: lesson.askedDigit(s) });
    else if (phase === 'digitsWon') ask = t('drawDigit:digitsWon');
    else if (phase === 'signs') {
      const sign = s.signs[s.current];
      ask = sign
        ? t('drawDigit:askSign', {
            sign: this.signName(sign.id),
            n: Math.min(sign.examples + 1, lesson.MAX_EXAMPLES),
          })
        : t('drawDigit:signsGoal');
    } else if (phase === 'train') ask = t('drawDigit:training');
    else if (phase === 'test') {
      const sign = s.signs[lesson.askedSign(s)];
      ask = t('drawDigit:testSign', {
        n: s.tests.length + 1,
        all: lesson.TESTS,
        sign: this.signLabel(sign?.id ?? 'star'),
      });
    } else if (phase === 'result')
      ask = t(
        s.tests.length && lesson.testsRight(s.tests) >= lesson.TESTS_TO_WIN
          ? 'drawDigit:resultWin'
          : 'drawDigit:resultLow',
      );
    e.instruction.textContent = ask;
    e.message.textContent = this.message ? t(this.message.key, this.message.params) : '';
    e.score.hidden = !(phase === 'digits' || phase === 'digitsWon');
    e.score.textContent = t('drawDigit:score', {
      count: Math.min(lesson.DIGITS_TO_WIN, lesson.digitsRight(s)),
    });

    for (const [id, b] of e.signButtons) {
      const at = s.signs.findIndex((x) => x.id === id);
      const chosen = at >= 0;
      b.setAttribute('aria-pressed', String(chosen && at === s.current));
      b.classList.toggle('chosen', chosen);
      b.classList.toggle('current', chosen && at === s.current);
      b.disabled = !chosen && !lesson.canAddSign(s);
      b.textContent = `${this.signLabel(id)}${chosen ? ` · ${t('drawDigit:signCount', { count: s.signs[at]?.examples ?? 0 })}` : ''}`;
    }
    e.train.disabled = !lesson.canTrain(s);
    e.clearSigns.hidden = s.signs.length === 0;
    if (phase === 'result') {
      e.resultText.textContent = t('drawDigit:result', { right: lesson.testsRight(s.tests) });
      e.compareText.textContent = this.compare
        ? t(
            this.compare.all > this.compare.one ? 'drawDigit:compareMore' : 'drawDigit:compareSame',
            this.compare,
          )
        : '';
    }
    this.renderLossText();
    this.renderBars();
    this.publishState();
  }

  private publishState(): void {
    const s = this.state;
    const r = this.reading;
    const losses = this.trainer?.losses ?? [];
    this.publish({
      phase: this.playing ? s.phase : 'intro',
      lang: currentLang(),
      loaded: this.loaded,
      failed: this.failed,
      asked:
        s.phase === 'digits'
          ? lesson.askedDigit(s)
          : s.phase === 'test'
            ? (s.signs[lesson.askedSign(s)]?.id ?? null)
            : s.phase === 'signs'
              ? (s.signs[s.current]?.id ?? null)
              : null,
      tries: s.tries,
      right: lesson.digitsRight(s),
      strokes: this.strokes.length,
      points: prep.pointCount(this.strokes),
      readings: this.readingsDone,
      reading: r
        ? {
            strokes: r.strokes,
            points: r.points,
            read: r.read,
            chances: r.chances.map((p) => Math.round(p * 1e4) / 1e4),
            ink: Math.round(r.grid.reduce((a, v) => a + v, 0) * 100) / 100,
            ms: Math.round(r.ms * 100) / 100,
          }
        : null,
      msPerRead: this.msPerRead,
      signs: s.signs,
      current: s.current,
      tests: s.tests,
      testsRight: lesson.testsRight(s.tests),
      trainings: s.trainings,
      losses: { count: losses.length, first: losses[0] ?? null, last: losses[losses.length - 1] ?? null },
      compare: this.compare,
      saved: this.keep,
      message: this.message?.key ?? null,
      stars: lesson.starsFor(s),
    });
  }
}

function paintGrid(c: HTMLCanvasElement, pixels: Float32Array | null, size: number): void {
  const g = c.getContext('2d');
  if (!g) return;
  const k = c.width / size;
  // The little squares as one size × size picture, blown up without smoothing: one drawImage
  // instead of hundreds of fillStyle parses and fillRects on each reading.
  const small = smallCanvas(size);
  const sg = small.getContext('2d');
  if (!sg) return;
  const img = sg.createImageData(size, size);
  for (let i = 0; i < size * size; i++) {
    const v = pixels ? (pixels[i] as number) : 0;
    const shade = v <= 0 ? 255 : Math.round(255 * (1 - Math.min(1, v)));
    img.data[i * 4] = shade;
    img.data[i * 4 + 1] = shade;
    img.data[i * 4 + 2] = shade;
    img.data[i * 4 + 3] = 255;
  }
  sg.putImageData(img, 0, 0);
  g.imageSmoothingEnabled = false;
  g.drawImage(small, 0, 0, c.width, c.height);
  // The grid's lines: each little square is one of the numbers.
  g.strokeStyle = 'rgba(0,114,178,0.25)';
  g.lineWidth = 1;
  g.beginPath();
  for (let i = 0; i <= size; i++) {
    const p = Math.round(i * k) + 0.5;
    g.moveTo(p, 0);
    g.lineTo(p, c.height);
    g.moveTo(0, p);
    g.lineTo(c.width, p);
  }
  g.stroke();
}

const smallCanvases = new Map<number, HTMLCanvasElement>();

/** A size × size canvas kept for `paintGrid` (not in the page). */
function smallCanvas(size: number): HTMLCanvasElement {
  let c = smallCanvases.get(size);
  if (!c) {
    c = document.createElement('canvas');
    c.width = size;
    c.height = size;
    smallCanvases.set(size, c);
  }
  return c;
}

function concat(grids: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(grids.length * prep.SIZE * prep.SIZE);
  grids.forEach((g, i) => out.set(g, i * prep.SIZE * prep.SIZE));
  return out;
}

function splitRows(data: Float32Array, width: number): Float32Array[] {
  const rows: Float32Array[] = [];
  for (let i = 0; i + width <= data.length; i += width) rows.push(data.slice(i, i + width));
  return rows;
}

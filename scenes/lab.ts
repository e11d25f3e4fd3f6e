import { h, type Screen } from '../src/ui/overlay';
import type { Key } from '../src/i18n';

/**
 * The parts the maths levels (knobs, neuron, loss landscape) share: a picture drawn on the canvas
 * behind an HTML box that names it and says in words what it shows, the axes' names, and the
 * body that puts the picture beside its controls (which scroll on their own, the picture never). `kind` names another look (the word levels' bars).
 */
export function labPicture(
  ui: Screen,
  label: Key,
  opts: { testId?: string; summaryId?: string; small?: boolean; live?: boolean; kind?: string } = {},
): { box: HTMLElement; summary: HTMLElement } {
  const summary = h('p', {
    class: 'visually-hidden',
    'aria-live': opts.live === false ? undefined : 'polite',
    'data-testid': opts.summaryId ?? 'plot-summary',
  });
  const box = h(
    'div',
    {
      class: `playfield ${opts.kind ?? (opts.small ? 'lab-small' : 'lab-plot')}`.trim(),
      role: 'img',
      'data-testid': opts.testId ?? 'playfield',
    },
    summary,
  );
  ui.attr(box, 'aria-label', label);
  return { box, summary };
}

export function axes(ui: Screen, y: Key, x: Key): HTMLElement {
  return h(
    'p',
    { class: 'axes note', 'aria-hidden': 'true' },
    ui.text(h('span', {}), y),
    ui.text(h('span', {}), x),
  );
}

/** The lab's body: the pictures stay on screen; the controls scroll in their own pane. */
export function labBody(view: HTMLElement[], controls: HTMLElement[]): HTMLElement {
  return h(
    'main',
    { class: 'level-body lab' },
    h('div', { class: 'lab-view' }, ...view),
    h('div', { class: 'lab-controls level-scroll' }, ...controls),
  );
}

/** A named group of radio buttons, each in a label big enough to tap; arrow keys move the choice. */
export function radioGroup<V extends string>(
  ui: Screen,
  o: {
    name: string;
    testPrefix: string;
    legend: Key;
    values: readonly V[];
    label: (v: V) => HTMLElement;
    checked: V;
    onPick: (v: V) => void;
  },
): { group: HTMLElement; inputs: HTMLInputElement[] } {
  const inputs = o.values.map((v) => {
    const input = h('input', {
      type: 'radio',
      name: o.name,
      value: v,
      'data-testid': `${o.testPrefix}-${v}`,
    });
    input.checked = v === o.checked;
    ui.listen(input, 'change', () => o.onPick(v));
    return input;
  });
  const group = h(
    'fieldset',
    { class: 'choices fieldset' },
    ui.text(h('legend', { class: 'slider-label' }), o.legend),
    ...inputs.map((input, i) => h('label', { class: 'choice' }, input, o.label(o.values[i] as V))),
  );
  return { group, inputs };
}

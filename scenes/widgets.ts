import { h, type Screen } from '../src/ui/overlay';
import { t, type Key } from '../src/i18n';
import { shownToken } from '../src/lessons/nextWord';
import type { Lang } from '../src/lm/tokenizer';
import { labPicture } from './lab';

/**
 * HTML parts the word levels share: the box the canvas draws its bars in (named, with a summary
 * in words for screen readers), a text field with a submit button, and a story card.
 */
export function barsPlayfield(
  ui: Screen,
  label: Key,
  short = false,
): { box: HTMLElement; summary: HTMLElement } {
  return labPicture(ui, label, { summaryId: 'bars-summary', kind: short ? 'playfield-short' : '' });
}

/** A one-line text field, named and with a hint, that the phone's keyboard does not "correct". */
export function textInput(
  ui: Screen,
  o: { testId: string; maxlength: number; label: Key; placeholder: Key },
): HTMLInputElement {
  const input = h('input', {
    type: 'text',
    class: 'text-input',
    'data-testid': o.testId,
    autocomplete: 'off',
    autocapitalize: 'off',
    spellcheck: 'false',
    maxlength: o.maxlength,
  });
  ui.attr(input, 'aria-label', o.label);
  ui.attr(input, 'placeholder', o.placeholder);
  return input;
}

/** A field and its button as a form: Enter or the button submits, and the page never reloads. */
export function submitForm(
  ui: Screen,
  o: { testId: string; input: HTMLInputElement; go: Key; goId: string; onSubmit: () => void },
): HTMLFormElement {
  const button = ui.button(o.go, () => undefined, { class: 'btn', testId: o.goId });
  button.type = 'submit';
  const form = h('form', { class: 'type-form', 'data-testid': o.testId }, o.input, button);
  ui.listen(form, 'submit', (e) => {
    e.preventDefault();
    o.onSubmit();
  });
  return form;
}

/** A story on a card: its heading, its text (Chinese without spaces), and what goes under it. */
export function storyCard(
  o: { heading: string; text: string; zh: boolean; testId?: string },
  ...extra: HTMLElement[]
): HTMLElement {
  return h(
    'article',
    { class: 'story card', 'data-testid': o.testId ?? 'story' },
    h('h2', { class: 'story-title' }, o.heading),
    h('p', { class: `story-text${o.zh ? ' no-spaces' : ''}` }, o.text),
    ...extra,
  );
}

/** A labelled slider with marks under it and its value read out beside it. */
export function rangeSlider(
  ui: Screen,
  o: { id: string; label: Key; min: number; max: number; step: number; value: number; marks: number[] },
): { row: HTMLElement; input: HTMLInputElement; output: HTMLElement } {
  const input = h('input', {
    ...{ id: o.id, type: 'range', min: o.min, max: o.max, step: o.step, value: o.value },
    ...{ class: 'slider', 'data-testid': 'slider', list: `${o.id}-marks` },
  });
  const marks = h(
    'datalist',
    { id: `${o.id}-marks` },
    ...o.marks.map((v) => h('option', { value: String(v) })),
  );
  const output = h('output', { class: 'slider-value', 'data-testid': 'value', for: o.id });
  const label = ui.text(h('label', { for: o.id, class: 'slider-label' }), o.label);
  return { row: h('div', { class: 'slider-row' }, label, input, marks, output), input, output };
}

/** A button of the level's actions: the main one of a step is `primary`. */
export function actionButton(
  ui: Screen,
  key: Key,
  testId: string,
  onClick: () => void,
  primary = false,
): HTMLButtonElement {
  return ui.button(key, onClick, { class: primary ? 'btn btn-primary' : 'btn', testId });
}

/**
 * A token as a child reads it on a tile or a bar: a word as the screen writes it, a mark said in
 * words ("end of the sentence ."), the end of the story as `end` says it.
 */
export function tokenLabel(lang: Lang, token: string, end: Key): { text: string; mark: boolean } {
  const shown = shownToken(lang, token);
  if (shown.kind === 'end') return { text: t(end), mark: false };
  if (shown.kind === 'mark')
    return { text: t(`common:mark.${shown.name}`, { mark: shown.mark }), mark: true };
  return { text: shown.text, mark: false };
}

/**
 * A word tile: its number key (1–9, also `aria-keyshortcuts`) and its word; a picked tile is
 * marked by outline and `aria-pressed`, not colour alone. `data` names it for the tests.
 */
export function wordTile(o: {
  pos: number;
  word: string;
  /** A mark said in words: a smaller type, so its words fit on the tile. */
  mark?: boolean;
  picked: boolean;
  disabled: boolean;
  data: Record<string, number>;
  onPick: () => void;
}): HTMLButtonElement {
  const data = Object.fromEntries(Object.entries(o.data).map(([k, v]) => [`data-${k}`, v]));
  const b = h(
    'button',
    {
      type: 'button',
      class: `tile${o.picked ? ' tile-picked' : ''}`,
      'data-testid': 'tile',
      ...data,
      'aria-keyshortcuts': String(o.pos + 1),
      'aria-pressed': o.picked ? 'true' : 'false',
      disabled: o.disabled,
    },
    h('span', { class: 'tile-key', 'aria-hidden': 'true' }, String(o.pos + 1)),
    h('span', { class: o.mark ? 'tile-word tile-mark' : 'tile-word' }, o.word),
  );
  b.addEventListener('click', o.onPick);
  return b;
}

/**
 * The sentence as it grows: the text so far, the words just added (the newest marked), and a
 * blank where the next word goes while the player chooses.
 */
export function growingSentence(
  prompt: string,
  added: readonly string[],
  o: { joiner: string; newest: boolean; blank: boolean },
): (string | HTMLElement)[] {
  return [
    h('span', { class: 'prompt' }, prompt),
    ...added.flatMap((w, i) => [
      o.joiner,
      h('span', { class: i === added.length - 1 && o.newest ? 'added new' : 'added' }, w),
    ]),
    ...(o.blank ? [o.joiner, h('span', { class: 'blank', 'aria-hidden': 'true' }, '____')] : []),
  ];
}

/** A named row of radio choices (arrow keys move the choice), each in a label big enough to tap. */
export function choiceRow<V extends string>(o: {
  name: string;
  label: string;
  values: readonly V[];
  text: (v: V) => string;
  checked: V | null;
  disabled: boolean;
  testPrefix: string;
  onPick: (v: V) => void;
}): HTMLElement {
  const group = h('div', { class: 'choices', role: 'radiogroup' });
  group.setAttribute('aria-label', o.label);
  for (const value of o.values) {
    const input = h('input', {
      ...{ type: 'radio', name: o.name, value },
      ...{ 'data-testid': `${o.testPrefix}-${value}`, disabled: o.disabled },
    });
    input.checked = o.checked === value;
    input.addEventListener('change', () => o.onPick(value));
    group.append(h('label', { class: 'choice' }, input, h('span', {}, o.text(value))));
  }
  return group;
}

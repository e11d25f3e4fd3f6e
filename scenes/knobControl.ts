import { h, type Screen } from '../src/ui/overlay';
import { t, type Key } from '../src/i18n';

export interface KnobControl {
  readonly row: HTMLElement;
  readonly input: HTMLInputElement;
  value(): number;
  /** Shows a value without firing onChange (the computer turning the knob, say). */
  set(value: number): void;
  disable(disabled: boolean): void;
}

export interface KnobOptions {
  readonly id: string;
  readonly name: Key;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly value: number;
  readonly testId: string;
  readonly onChange: (value: number) => void;
}

const decimals = (step: number): number => (String(step).split('.')[1] ?? '').length;

/**
 * A knob: a labelled slider with − and + buttons either side (one step each, large enough to tap),
 * and its value. The slider's keys (arrows, Home, End, Page Up/Down) work as in any range input.
 */
export function knobControl(ui: Screen, o: KnobOptions): KnobControl {
  const input = h('input', {
    id: o.id,
    type: 'range',
    min: o.min,
    max: o.max,
    step: o.step,
    value: o.value,
    class: 'slider',
    'data-testid': o.testId,
  });
  const output = h('output', { class: 'slider-value', for: o.id, 'data-testid': `${o.testId}-value` });
  const label = ui.text(h('label', { for: o.id, class: 'slider-label' }), o.name);
  const fix = (v: number): number => {
    const clamped = Math.min(o.max, Math.max(o.min, v));
    return Number((Math.round(clamped / o.step) * o.step).toFixed(decimals(o.step)));
  };
  const display = (v: number): void => {
    const text = v.toFixed(decimals(o.step));
    output.textContent = text;
    input.setAttribute('aria-valuetext', `${t(o.name)} ${text}`);
  };
  const show = (): void => display(fix(Number(input.value)));
  const nudge = (dir: 1 | -1): void => {
    input.value = String(fix(Number(input.value) + dir * o.step));
    show();
    o.onChange(Number(input.value));
  };
  const less = ui.button('common:knob.less', () => nudge(-1), {
    class: 'btn btn-knob',
    testId: `${o.testId}-less`,
  });
  const more = ui.button('common:knob.more', () => nudge(1), {
    class: 'btn btn-knob',
    testId: `${o.testId}-more`,
  });
  ui.attr(less, 'aria-label', 'common:knob.lessLabel', () => ({ name: t(o.name) }));
  ui.attr(more, 'aria-label', 'common:knob.moreLabel', () => ({ name: t(o.name) }));
  ui.listen(input, 'input', () => {
    show();
    o.onChange(fix(Number(input.value)));
  });
  ui.onRetranslate(show);
  show();
  return {
    row: h('div', { class: 'slider-row knob-row' }, label, less, input, more, output),
    input,
    value: () => fix(Number(input.value)),
    set: (v: number) => {
      input.value = String(v);
      display(v);
    },
    disable: (d: boolean) => {
      input.disabled = d;
      less.disabled = d;
      more.disabled = d;
    },
  };
}

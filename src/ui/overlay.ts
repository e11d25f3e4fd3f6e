/**
 * The accessible HTML layer over the Phaser canvas: every text, button, slider and dialog
 * is real HTML here, with labels, keyboard focus and screen-reader names. A Screen belongs
 * to one scene; its texts follow the language, and it is removed when the scene shuts down.
 */
import { t, onLanguageChange, currentLang, setLanguage, type Key, type Params } from '../i18n';
import { h, clear } from './dom';

export { h, clear };

function uiRoot(): HTMLElement {
  const root = document.getElementById('ui');
  if (!root) throw new Error('#ui is missing from index.html');
  return root;
}

type Binding = () => void;

export class Screen {
  readonly el: HTMLElement;
  private readonly bindings: Binding[] = [];
  private readonly unsubscribe: () => void;
  private readonly cleanups: (() => void)[] = [];

  constructor(name: string) {
    this.el = h('div', { class: `screen screen-${name}`, 'data-screen': name });
    uiRoot().append(this.el);
    this.unsubscribe = onLanguageChange(() => this.retranslate());
  }

  /** Sets `el`'s text to a translation and keeps it translated. */
  text<E extends HTMLElement>(el: E, key: Key, params?: Params | (() => Params)): E {
    const apply = (): void => {
      el.textContent = t(key, typeof params === 'function' ? params() : params);
    };
    apply();
    this.bindings.push(apply);
    return el;
  }

  /** Sets an attribute (aria-label, title…) to a translation and keeps it translated. */
  attr<E extends HTMLElement>(el: E, name: string, key: Key, params?: Params | (() => Params)): E {
    const apply = (): void => {
      el.setAttribute(name, t(key, typeof params === 'function' ? params() : params));
    };
    apply();
    this.bindings.push(apply);
    return el;
  }

  /** Anything else that must be redone when the language changes. */
  onRetranslate(fn: () => void): void {
    this.bindings.push(fn);
  }

  /** Runs `fn` when the screen is destroyed (listeners, timers). */
  onDestroy(fn: () => void): void {
    this.cleanups.push(fn);
  }

  listen<K extends keyof HTMLElementEventMap>(
    target: HTMLElement | Window | Document,
    type: K,
    fn: (e: HTMLElementEventMap[K]) => void,
  ): void {
    target.addEventListener(type, fn as EventListener);
    this.cleanups.push(() => target.removeEventListener(type, fn as EventListener));
  }

  button(
    key: Key,
    onClick: () => void,
    opts: { class?: string; params?: Params; icon?: string; testId?: string } = {},
  ): HTMLButtonElement {
    const b = h('button', { type: 'button', class: opts.class ?? 'btn', 'data-testid': opts.testId });
    if (opts.icon) {
      // The label stays for screen readers when a small screen shows only the icon.
      b.append(h('span', { class: 'icon', 'aria-hidden': 'true' }, opts.icon));
      b.append(this.text(h('span', { class: 'label' }), key, opts.params));
    } else {
      this.text(b, key, opts.params);
    }
    this.listen(b, 'click', () => onClick());
    return b;
  }

  /** The top bar every screen has: optional back button, a title, and the language switch. */
  topBar(opts: { back?: () => void; title?: HTMLElement; extra?: HTMLElement[] }): HTMLElement {
    const bar = h('header', { class: 'topbar' });
    if (opts.back) {
      bar.append(
        this.button('common:nav.back', opts.back, { class: 'btn btn-icon', icon: '←', testId: 'back' }),
      );
    }
    if (opts.title) bar.append(opts.title);
    bar.append(h('div', { class: 'topbar-spacer' }), ...(opts.extra ?? []), this.languageSwitch());
    placeMessages(bar);
    return bar;
  }

  languageSwitch(): HTMLButtonElement {
    const b = h('button', { type: 'button', class: 'btn btn-lang', 'data-testid': 'lang-switch' });
    this.text(b, 'common:nav.switchTo');
    this.attr(b, 'aria-label', 'common:nav.switchToLabel');
    this.listen(b, 'click', () => {
      void setLanguage(currentLang() === 'en' ? 'zh' : 'en');
    });
    return b;
  }

  private retranslate(): void {
    for (const b of this.bindings) b();
  }

  destroy(): void {
    this.unsubscribe();
    for (const c of this.cleanups.splice(0)) c();
    this.bindings.length = 0;
    // The messages outlive the screen: the next one shows them in its own top bar.
    if (this.el.contains(messagesRegion())) placeMessages(null);
    this.el.remove();
  }
}

const TOAST_MS = 6000;
const MAX_TOASTS = 3;

/** A button of a message (the update prompt's "Update now", say). */
export interface ToastAction {
  readonly key: Key;
  readonly primary?: boolean;
  readonly testId?: string;
  readonly onClick: () => void;
}

function messagesRegion(): HTMLElement | null {
  return document.getElementById('toast');
}

/** How each message on screen writes itself, again after a language change. */
const messageTexts = new WeakMap<Element, () => void>();

onLanguageChange(() => {
  for (const msg of messagesRegion()?.children ?? []) messageTexts.get(msg)?.();
});

/**
 * Where messages show: a row of the screen's top bar (under its buttons), so the screen makes room
 * for them and they never cover the play area or a control. Without a top bar (the loading
 * screen) they float at the top.
 */
function placeMessages(bar: HTMLElement | null): void {
  const region = messagesRegion();
  if (!region) return;
  if (bar) bar.append(region);
  else if (region.parentElement !== document.body) document.body.append(region);
}

/**
 * A short message in the live region (screen readers read it too), in the language of the moment.
 * Messages stack, newest last, so an important one is not replaced by the next; each goes away on
 * its own or on a tap.
 */
export function toast(
  key: Key,
  params?: Params,
  opts: { actions?: readonly ToastAction[]; sticky?: boolean } = {},
): void {
  const region = messagesRegion();
  if (!region) return;
  region.querySelector(`[data-key="${key}"]`)?.remove();
  const text = h('p', {});
  const buttons = (opts.actions ?? []).map((a) => {
    const b = h('button', {
      type: 'button',
      class: a.primary ? 'btn btn-primary' : 'btn',
      'data-testid': a.testId,
    });
    b.addEventListener('click', a.onClick);
    return b;
  });
  const write = (): void => {
    text.textContent = t(key, params);
    buttons.forEach((b, i) => {
      const a = opts.actions?.[i];
      if (a) b.textContent = t(a.key);
    });
  };
  write();
  const msg = h('div', { class: 'toast', 'data-testid': 'toast', 'data-key': key }, text);
  messageTexts.set(msg, write);
  if (buttons.length) msg.append(h('div', { class: 'toast-actions' }, ...buttons));
  else msg.addEventListener('click', () => msg.remove());
  region.append(msg);
  while (region.children.length > MAX_TOASTS) region.firstElementChild?.remove();
  if (!opts.sticky) setTimeout(() => msg.remove(), TOAST_MS);
}

export function dismissToast(key: Key): void {
  messagesRegion()?.querySelector(`[data-key="${key}"]`)?.remove();
}

const DIALOG_ARM_MS = 600;

export interface DialogAction {
  readonly key: Key;
  readonly params?: Params;
  readonly primary?: boolean;
  readonly testId?: string;
  readonly onClick: () => void;
}

/**
 * A modal dialog on the native <dialog> element: it traps focus, Escape closes it,
 * and focus returns where it was. Returns a function that closes it.
 */
export function openDialog(
  screen: Screen,
  opts: { title: Key; titleParams?: Params; body: HTMLElement[]; actions: DialogAction[]; testId?: string },
): () => void {
  const previous = document.activeElement as HTMLElement | null;
  // Taps and key presses meant for the screen before (a child mashing Enter) do not choose
  // anything in a dialog that has only just opened.
  const armedAt = performance.now() + DIALOG_ARM_MS;
  const title = screen.text(h('h2', { id: `dlg-${Date.now()}` }), opts.title, opts.titleParams);
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': title.id, 'data-testid': opts.testId });
  const actions = h('div', { class: 'dialog-actions' });
  const close = (): void => {
    if (dialog.open) dialog.close();
    dialog.remove();
    previous?.focus?.();
  };
  for (const a of opts.actions) {
    const b = h('button', {
      type: 'button',
      class: a.primary ? 'btn btn-primary' : 'btn',
      'data-testid': a.testId,
    });
    screen.text(b, a.key, a.params);
    b.addEventListener('click', () => {
      if (performance.now() < armedAt) return;
      close();
      a.onClick();
    });
    actions.append(b);
  }
  dialog.append(title, ...opts.body, actions);
  dialog.addEventListener('cancel', () => dialog.remove());
  screen.el.append(dialog);
  dialog.showModal();
  const armTimer = setTimeout(() => dialog.setAttribute('data-armed', 'true'), DIALOG_ARM_MS);
  dialog.addEventListener('close', () => clearTimeout(armTimer));
  (actions.querySelector('.btn-primary') as HTMLElement | null)?.focus();
  screen.onDestroy(close);
  return close;
}

/** Stars as text for screen readers and as shapes for the eye (filled vs outlined). */
export function starsElement(count: number, screen: Screen): HTMLElement {
  const el = h('span', { class: 'stars', role: 'img', 'data-stars': count });
  screen.attr(el, 'aria-label', 'common:level.starsEarned', { count });
  for (let i = 0; i < 3; i++) {
    el.append(
      h(
        'span',
        { class: i < count ? 'star star-on' : 'star star-off', 'aria-hidden': 'true' },
        i < count ? '★' : '☆',
      ),
    );
  }
  return el;
}

/** Scene keys as constants, never typed as strings elsewhere. */
export const SceneKey = {
  Boot: 'boot',
  Map: 'map',
  Settings: 'settings',
  Credits: 'credits',
} as const;
// A level's scene key is `sceneKey(id)` from the level registry (src/lessons/levels.ts).

/** Okabe–Ito colours: distinguishable with every common kind of colour blindness. */
export const Colors = {
  background: 0xfff8ec,
  hill: 0xf3e6cc,
  ink: 0x1b2a3a,
  blue: 0x0072b2,
  orange: 0xe69f00,
  sky: 0x56b4e9,
  green: 0x009e73,
  yellow: 0xf0e442,
  grey: 0x9aa5b1,
  white: 0xffffff,
} as const;

export const FONT_STACK =
  'system-ui, -apple-system, "Segoe UI", Roboto, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif';

/**
 * Sounds synthesized with Web Audio (no sound files). The AudioContext is made on the first
 * sound, which always follows a tap or key press, so browsers allow it.
 */
export type SoundName = 'tap' | 'good' | 'try' | 'win';

const NOTES: Record<SoundName, readonly [freq: number, start: number, length: number][]> = {
  tap: [[660, 0, 0.06]],
  good: [
    [660, 0, 0.1],
    [880, 0.1, 0.14],
  ],
  try: [
    [440, 0, 0.1],
    [392, 0.1, 0.16],
  ],
  win: [
    [523, 0, 0.12],
    [659, 0.12, 0.12],
    [784, 0.24, 0.12],
    [1047, 0.36, 0.3],
  ],
};

export class Sound {
  private ctx: AudioContext | null = null;

  constructor(private readonly enabled: () => boolean) {}

  play(name: SoundName): void {
    if (!this.enabled() || typeof AudioContext === 'undefined') return;
    try {
      this.ctx ??= new AudioContext();
      const ctx = this.ctx;
      const t0 = ctx.currentTime + 0.01;
      for (const [freq, start, length] of NOTES[name]) {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.type = 'triangle';
        osc.frequency.value = freq;
        gain.gain.setValueAtTime(0.0001, t0 + start);
        gain.gain.exponentialRampToValueAtTime(0.18, t0 + start + 0.01);
        gain.gain.exponentialRampToValueAtTime(0.0001, t0 + start + length);
        osc.connect(gain).connect(ctx.destination);
        osc.start(t0 + start);
        osc.stop(t0 + start + length + 0.02);
      }
    } catch {
      // Sound is a nicety: a browser without audio plays silently.
    }
  }
}

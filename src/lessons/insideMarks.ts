/** The punctuation marks a head may look back at ("the last full stop or comma"), both languages. */
const MARKS = new Set([
  '.',
  ',',
  '!',
  '?',
  ';',
  ':',
  '"',
  '。',
  '，',
  '！',
  '？',
  '、',
  '；',
  '：',
  '“',
  '”',
]);

export function isMarkToken(token: string): boolean {
  return MARKS.has(token);
}

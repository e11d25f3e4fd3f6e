import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { NAME_RULE, capitalisedWords } from '../../src/lm/names';
import names from '../../src/lm/names-en.json' with { type: 'json' };

describe('names: the words English writes with a capital', () => {
  it('are the words nearly always capitalised where no sentence starts', () => {
    const text = [
      'Once upon a time, Lily met Ben. Lily and Ben played with Ben and his mom.',
      'One day Lily saw her mom. "Mom, look!" said Lily. Mom smiled at Ben.',
      'They went to the park on Monday, and the park was big. The park was fun.',
    ].join('\n');
    // "Lily" and "Ben" are capitalised each time in mid-sentence; "mom" only once of three
    // times; "Once", "One", "They" and "The" start sentences; "Monday" comes once only.
    expect(capitalisedWords(text)).toEqual(['Ben', 'Lily']);
    expect(capitalisedWords(text, { minCount: 1, share: 0.9 })).toEqual(['Ben', 'Lily', 'Monday']);
    expect(capitalisedWords('I ran and I hid and I sat.', { minCount: 1, share: 0.5 })).toEqual([]);
    expect(capitalisedWords('')).toEqual([]);
  });

  it('the list the game ships is what the rule gives on the TinyStories text that keeps its case', () => {
    expect(names.rule).toEqual(NAME_RULE);
    const source = readFileSync(names.source, 'utf8');
    expect(names.words).toEqual(capitalisedWords(source, names.rule));
    // The names the issue saw in lower case are in it; everyday words are not.
    for (const name of ['Lily', 'Ralph', 'Ben', 'Tom', 'Sue']) expect(names.words).toContain(name);
    for (const word of ['the', 'she', 'mom', 'park', 'happy', 'I']) expect(names.words).not.toContain(word);
  });
});

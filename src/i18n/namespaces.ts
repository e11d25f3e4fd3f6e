/**
 * The shape of every translation namespace, taken from the English files: what makes the keys
 * typed. A new level adds one line here (its namespace, named in the level registry); the
 * compiler checks that every built level's namespace has one.
 */
import type common from '../../locales/en/common.json';
import type levels from '../../locales/en/levels.json';
import type credits from '../../locales/en/credits.json';
import type oneWord from '../../locales/en/oneWord.json';
import type nextWord from '../../locales/en/nextWord.json';
import type temperature from '../../locales/en/temperature.json';
import type knobs from '../../locales/en/knobs.json';
import type neuron from '../../locales/en/neuron.json';
import type landscape from '../../locales/en/landscape.json';
import type letterDice from '../../locales/en/letterDice.json';
import type wordChains from '../../locales/en/wordChains.json';
import type rule30 from '../../locales/en/rule30.json';
import type grammar from '../../locales/en/grammar.json';
import type semanticMap from '../../locales/en/semanticMap.json';
import type calculator from '../../locales/en/calculator.json';
import type inside from '../../locales/en/inside.json';
import type drawDigit from '../../locales/en/drawDigit.json';
import type teach from '../../locales/en/teach.json';
import type { LevelNamespace } from '../lessons/levels';

interface Shared {
  common: typeof common;
  levels: typeof levels;
  credits: typeof credits;
}

interface Levels {
  oneWord: typeof oneWord;
  nextWord: typeof nextWord;
  temperature: typeof temperature;
  knobs: typeof knobs;
  neuron: typeof neuron;
  landscape: typeof landscape;
  letterDice: typeof letterDice;
  wordChains: typeof wordChains;
  rule30: typeof rule30;
  grammar: typeof grammar;
  semanticMap: typeof semanticMap;
  calculator: typeof calculator;
  inside: typeof inside;
  drawDigit: typeof drawDigit;
  teach: typeof teach;
}

/** Fails to compile when a built level's namespace is missing here, or one is left over. */
type Exactly<T, K extends PropertyKey> = [keyof T] extends [K] ? ([K] extends [keyof T] ? T : never) : never;

export type English = Shared & Exactly<Levels, LevelNamespace>;

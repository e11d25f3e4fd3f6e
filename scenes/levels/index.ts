/**
 * The scene of every level that plays, by level id. The compiler checks this against the level
 * registry (src/lessons/levels.ts): a built level without a scene, or a scene for a level not
 * built, does not compile. Scene keys come from the registry (`sceneKey`).
 */
import type { BuiltLevelId } from '../../src/lessons/levels';
import type { LevelScene } from './LevelScene';
import { OneWordScene } from './OneWordScene';
import { NextWordScene } from './NextWordScene';
import { TemperatureScene } from './TemperatureScene';
import { KnobsScene } from './KnobsScene';
import { NeuronScene } from './NeuronScene';
import { LandscapeScene } from './LandscapeScene';
import { LetterDiceScene } from './LetterDiceScene';
import { WordChainsScene } from './WordChainsScene';
import { Rule30Scene } from './Rule30Scene';
import { GrammarScene } from './GrammarScene';
import { SemanticMapScene } from './SemanticMapScene';
import { CalculatorScene } from './CalculatorScene';
import { InsideScene } from './InsideScene';
import { DrawDigitScene } from './DrawDigitScene';
import { TeachScene } from './TeachScene';

export const LEVEL_SCENES: { readonly [Id in BuiltLevelId]: new () => LevelScene } = {
  'one-word': OneWordScene,
  'next-word': NextWordScene,
  temperature: TemperatureScene,
  'letter-dice': LetterDiceScene,
  'word-chains': WordChainsScene,
  knobs: KnobsScene,
  neuron: NeuronScene,
  'loss-landscape': LandscapeScene,
  'rule-30': Rule30Scene,
  grammar: GrammarScene,
  'semantic-map': SemanticMapScene,
  calculator: CalculatorScene,
  inside: InsideScene,
  'draw-digit': DrawDigitScene,
  teach: TeachScene,
};

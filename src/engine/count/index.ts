// The count-level engine: exact binomial and hypergeometric samplers, one agent's exact outcome
// law, and count-level trials on the complete graph.
export { binomial, binomialLaw, binomialLogRatio, INVERSION_MAX_MEAN, log1pMinus, twoProductError, uniform53 } from './binomial.ts';
export { hypergeometric, multivariateHypergeometric } from './hypergeometric.ts';
export { outcomeLaw, outcomeModel, outcomeTerms } from './outcomes.ts';
export { createCountSimulation, runCountPlan, stepCountRound } from './simulation.ts';
export { checkCountSupport, COUNT_MAX_K, COUNT_MAX_N, COUNT_MAX_TERMS } from './support.ts';

export type { BinomialLaw } from './binomial.ts';
export type { OutcomeModel, OutcomeRule } from './outcomes.ts';
export type { CountSimulation, CountTrialResult } from './simulation.ts';
export type { CountSupportInput } from './support.ts';

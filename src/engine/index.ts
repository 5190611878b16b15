// The engine's public surface: pure, typed-array code with no I/O.
export { formatValue, ParameterError } from './errors.ts';
export { CRASHED, DEFAULTS, MAX_N, MAX_OPINIONS, nearBalancedZeros, planTrial } from './params.ts';
export { createPopulation, crashAgents, swapBuffers } from './population.ts';
export { BINARY_MAX_K, majorityBinaryBlock, majorityGeneralBlock, majorityScratch } from './majority.ts';
export { peerScratch, samplePeers, samplerFor } from './sampling.ts';
export { BLOCK_SIZE, Purpose, below, mix32, nextU32, streamState, trialKey, uniform } from './rng.ts';
export { blockCount, createSimulation, leader, runBlocks, stepRound } from './simulation.ts';
export { runPlan, runTrial } from './trial.ts';

export type { Protocol, StartKind, TrialParams, TrialPlan } from './params.ts';
export type { Population } from './population.ts';
export type { MajorityScratch } from './majority.ts';
export type { PeerScratch, Sampler } from './sampling.ts';
export type { Simulation } from './simulation.ts';
export type { TrialResult } from './trial.ts';

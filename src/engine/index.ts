// The engine's public surface: pure, typed-array code with no I/O.
export { formatValue, ParameterError } from './errors.ts';
export { CRASHED, DEFAULTS, MAX_N, MAX_OPINIONS, nearBalancedZeros, planTrial } from './params.ts';
export { createPopulation, crashAgents, opinionAt, swapBuffers } from './population.ts';
export { BINARY_MAX_K, majorityBinaryBlock, majorityBitsBlock, majorityGeneralBlock, majorityScratch } from './majority.ts';
export { peerScratch, samplePeers, samplerFor } from './sampling.ts';
export { BLOCK_SIZE, Purpose, below, mix32, nextU32, streamState, trialKey, uniform } from './rng.ts';
export {
  autoLayout,
  beginRound,
  bitsApply,
  BITS_MIN_N,
  blockCount,
  createKernelState,
  createSimulation,
  finishRound,
  leader,
  runBlocks,
  stepRound,
} from './simulation.ts';
export { runPlan, runRounds, runTrial } from './trial.ts';

export type { Protocol, StartKind, TrialParams, TrialPlan } from './params.ts';
export type { BitPopulation, BytePopulation, Layout, Population, PopulationOptions } from './population.ts';
export type { MajorityScratch } from './majority.ts';
export type { PeerScratch, Sampler } from './sampling.ts';
export type { KernelKind, KernelState, Simulation, SimulationOptions } from './simulation.ts';
export type { TrialResult } from './trial.ts';

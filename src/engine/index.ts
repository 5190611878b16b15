// The engine's public surface: pure, typed-array code with no I/O.
export { formatValue, ParameterError } from './errors.ts';
export {
  CRASHED,
  DEFAULTS,
  ENGINES,
  isRumor,
  MAX_N,
  MAX_OPINIONS,
  nearBalancedZeros,
  planTrial,
  pluralityCounts,
  PROTOCOLS,
  RUMOR_PROTOCOLS,
  START_KINDS,
  TOPOLOGIES,
} from './params.ts';
export { minorityOpinion } from './start.ts';
export { buildTopology, contactSum, maxDegree } from './network.ts';
export { createPopulation, opinionAt, swapBuffers } from './population.ts';
export { chooseStubborn, crashAgents, crashRecord, holdStubborn, recoverAgents } from './faults.ts';
export { BINARY_MAX_K, majorityBinaryBlock, majorityBitsBlock, majorityGeneralBlock, majorityScratch } from './majority.ts';
export { majorityGraphBlock, majorityLossyBlock } from './majority-variants.ts';
export { blockedScratch, majorityBlockedBitsRange, majorityBlockedRange } from './majority-blocked.ts';
export { BATCH_BLOCKS, gatherByRegion, REGION_SHIFT, sortByRegion } from './region-sort.ts';
export { GRAPH_BLOCKED_PROTOCOLS, graphBlockedRange, graphBlockedScratch } from './graph-blocked.ts';
export { threeMajorityBlock, threeMajorityGraphBlock, twoChoicesBlock, twoChoicesGraphBlock } from './polling.ts';
export { countInformed, pullBlock, pullGraphBlock, pushBlock, pushGraphBlock, pushPullBlock, pushPullGraphBlock } from './rumor.ts';
export { lossThreshold, lost, neighbourScratch, sampleNeighbours } from './contacts.ts';
export { peerScratch, samplePeers, samplerFor } from './sampling.ts';
export { BLOCK_SIZE, Purpose, below, mix32, nextU32, streamState, trialKey, uniform } from './rng.ts';
export {
  autoBlocked,
  autoLayout,
  bitsApply,
  BITS_BLOCKED_MIN_N,
  BITS_MIN_N,
  BLOCKED_MIN_N,
  createKernelState,
  GRAPH_BLOCKED_MIN_N,
  isBlockedKind,
  kernelFor,
  runBlocks,
} from './kernel.ts';
export { beginRound, blockCount, createSimulation, finishRound, leader, stepRound, winnerOf } from './simulation.ts';
export { runPlan, runRounds, runTrial } from './trial.ts';
export {
  binomial,
  binomialLaw,
  binomialLogRatio,
  checkCountSupport,
  COUNT_MAX_K,
  COUNT_MAX_N,
  COUNT_MAX_TERMS,
  createCountSimulation,
  hypergeometric,
  multivariateHypergeometric,
  outcomeLaw,
  outcomeModel,
  runCountPlan,
  stepCountRound,
  uniform53,
} from './count/index.ts';
export { stateCount } from './params.ts';
export { defineRule, isRule, MAX_RULE_CONTACTS, registeredRule, registeredRuleNames, registerRule, RULE_BRAND, RuleError, RuleUpdateError, unregisterRule } from './rule.ts';
export { ruleBlock, ruleGraphBlock, ruleScratch } from './rule-kernel.ts';
export { DEPLOYED_PROTOCOLS, FEEDBACK_KINDS, isDeployed, REMOVAL_KINDS, TIMINGS } from './constants.ts';
export { MAX_RETRANSMIT_LIMIT, planDissemination, retransmitLimit } from './dissemination-plan.ts';
export {
  blindCoinBlock,
  blindCounterBlock,
  feedbackCoinBlock,
  feedbackCounterBlock,
  INFECTIVE,
  memberlistBlock,
  REMOVED,
  spreadState,
  SUSCEPTIBLE,
} from './mongering.ts';
export { blindCoinTick, blindCounterTick, feedbackCoinTick, feedbackCounterTick, memberlistTick, phaseOrder } from './timers.ts';
export { EQUAL_PHASE, failNodes, runDissemination } from './dissemination.ts';

export type { CountSimulation, CountTrialResult, OutcomeModel, OutcomeRule } from './count/index.ts';
export type { EngineName, Protocol, RumorProtocol, StartKind, TopologyName, TrialParams, TrialPlan } from './params.ts';
export type { NetworkPlan } from './network.ts';
export type { Topology, TopologyKind } from './topology/index.ts';
export type { StartPlan } from './start.ts';
export type { BitPopulation, BytePopulation, Layout, Population, PopulationOptions } from './population.ts';
export type { CrashRecord } from './faults.ts';
export type { MajorityScratch } from './majority.ts';
export type { NeighbourScratch } from './contacts.ts';
export type { PeerScratch, Sampler } from './sampling.ts';
export type { KernelKind, KernelOptions, KernelState } from './kernel.ts';
export type { BlockedScratch } from './region-sort.ts';
export type { GraphBlockedProtocol, GraphBlockedScratch } from './graph-blocked.ts';
export type { Simulation, SimulationOptions } from './simulation.ts';
export type { SpreadMetrics, TrialResult } from './trial-result.ts';
export type { Rule, RuleContacts, RuleDeclaration, RuleUpdate } from './rule.ts';
export type { RuleScratch } from './rule-kernel.ts';
export type { DeployedProtocol, DisseminationParams, DisseminationPlan, FeedbackKind, RemovalKind, Timing } from './params.ts';
export type { MongerBlock, MongerRound, SpreadState } from './mongering.ts';
export type { Tick } from './timers.ts';
export type { DisseminationOptions, DisseminationResult } from './dissemination.ts';

// The package's public door (`import ... from 'gossip-bench'`): the engine's trial, the seed's
// API, the rule and suite helpers, and the readers of result folders; re-exports only.
export { runTrial, ParameterError, DEFAULTS, PROTOCOLS, TOPOLOGIES, START_KINDS, MAX_OPINIONS } from '../engine/index.ts';
export { GossipProtocol, DEFAULT_APPROVE_VALUE, DEFAULT_CONVERGENCE_THRESHOLD } from '../api/index.ts';
export { SuiteError, validateSuite as defineSuite } from '../harness/suite.ts';
export { trialSeed } from '../harness/seeds.ts';
export { loadRun, readRunContext, loadHistory } from '../io/run-folder.ts';
export { compareRuns, compareTable, compareMarkdown } from '../compare/index.ts';
export { buildReport, writeReport } from '../report/index.ts';

export type { Protocol, StartKind, TopologyName, TrialParams, TrialResult } from '../engine/index.ts';
export type { Decision, GossipProtocolOptions, Proposal, ProposalMetadata, ProposalResult } from '../api/index.ts';
export type { Claim, Grid, GridRecord, GridValue, Suite, SuiteKind, SuiteVariant } from '../harness/suite.ts';
export type { RunContext, RunData } from '../io/run-folder.ts';

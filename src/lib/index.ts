// The package's public door (`import ... from 'gossip-bench'`): the engine's trial, the seed's
// API, the rule and suite helpers, and the readers of result folders; re-exports only. Kept light
// (no charts, no statistics): every worker thread imports it again through the user's rule files.
export { runTrial, ParameterError, DEFAULTS, PROTOCOLS, TOPOLOGIES, START_KINDS, MAX_OPINIONS } from '../engine/index.ts';
export { GossipProtocol, DEFAULT_APPROVE_VALUE, DEFAULT_CONVERGENCE_THRESHOLD } from '../api/index.ts';
export { defineSuite, SuiteError } from '../harness/suite.ts';
export { defineRule, RuleError, RuleUpdateError } from '../engine/index.ts';
export { trialSeed } from '../harness/seeds.ts';
export { loadRun, readRunContext, loadHistory } from '../io/run-folder.ts';

export type { Protocol, Rule, RuleContacts, RuleDeclaration, RuleUpdate, StartKind, TopologyName, TrialParams, TrialResult } from '../engine/index.ts';
export type { Decision, GossipProtocolOptions, Proposal, ProposalMetadata, ProposalResult } from '../api/index.ts';
export type { Claim, Grid, GridRecord, GridValue, Suite, SuiteKind, SuiteVariant } from '../harness/suite.ts';
export type { RunContext, RunData } from '../io/run-folder.ts';

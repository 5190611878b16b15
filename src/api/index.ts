// The seed's API (`GossipProtocol.propose`) on top of the engine; re-exports only.
export { ParameterError } from '../engine/index.ts';
export { DEFAULT_APPROVE_VALUE, DEFAULT_CONVERGENCE_THRESHOLD, GossipProtocol } from './gossip-protocol.ts';

export type {
  Decision,
  GossipProtocolOptions,
  Proposal,
  ProposalMetadata,
  ProposalResult,
} from './gossip-protocol.ts';

// The topology generators and helpers: undirected graphs in CSR form, deterministic from a seed.
export { barabasiAlbert, barabasiAlbertEdges } from './barabasi-albert.ts';
export { csrFromPairs, csrFromSlots } from './csr.ts';
export { erdosRenyi } from './erdos-renyi.ts';
export {
  connectedComponents,
  csrBytes,
  degree,
  degreeHistogram,
  edgeCount,
  hasMultiEdges,
  hasSelfLoops,
  isSymmetric,
  isWellFormed,
  neighbours,
  sortNeighbours,
} from './inspect.ts';
export { ring, torus } from './lattice.ts';
export { randomRegular, REGULAR_MAX_RESTARTS } from './random-regular.ts';
export { heapCsr, MAX_ENTRIES, MAX_NODES, sharedCsr, TOPOLOGY_PURPOSE, topologyState } from './topology.ts';
export { wattsStrogatz } from './watts-strogatz.ts';

export type { Components } from './inspect.ts';
export type { CsrAllocator, Topology, TopologyKind } from './topology.ts';

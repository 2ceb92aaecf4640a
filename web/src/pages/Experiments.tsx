// Placeholder until the transformation helper for this screen lands (docs/transformation.md).
import type { Route } from '../router';

export default function Experiments(_: { route: Route }) {
  return <p aria-busy="true">…</p>;
}

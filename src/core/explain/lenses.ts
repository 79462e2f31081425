/** One CodeLens per instruction, titled with what the line does here. */
import { analyze, type Analysis } from './analysis';
import type { DockerfileModel } from '../dockerfile';
import { lensTitle } from './lensTitles';
import type { ExplainContext, Lens } from './types';

export function lensesIn(a: Analysis): Lens[] {
  return a.model.instructions.map((node) => ({ range: node.keywordRange, title: lensTitle(a, node), index: node.index }));
}

export function dockerfileLenses(model: DockerfileModel, context: ExplainContext = {}): Lens[] {
  return lensesIn(analyze(model, context));
}

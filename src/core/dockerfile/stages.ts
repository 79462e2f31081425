/**
 * Build stages: which one is final (the last, what `docker build` produces without --target), and
 * which reach the final image (the final stage and the stages it starts FROM).
 */
import type { DockerfileModel, ImageRef, InstructionNode, Stage } from './model';

export function markShipping(stages: Stage[]): void {
  const last = stages[stages.length - 1];
  if (!last) return;
  last.final = true;
  for (let s: Stage | undefined = last; s; s = s.parent === null ? undefined : stages[s.parent]) s.ships = true;
}

export function finalStage(model: DockerfileModel): Stage | undefined {
  return model.stages[model.stages.length - 1];
}

/** The stage and the stages it starts from, oldest first: what the stage inherits (ENV, USER, WORKDIR). */
export function stageChain(model: DockerfileModel, stage: Stage): Stage[] {
  const chain: Stage[] = [];
  for (let s: Stage | undefined = stage; s; s = s.parent === null ? undefined : model.stages[s.parent]) chain.unshift(s);
  return chain;
}

/** The instructions of a stage including those it inherits from its parent stages, in order. */
export function inherited(model: DockerfileModel, stage: Stage): InstructionNode[] {
  return stage.parent === null ? stage.instructions : stageChain(model, stage).flatMap((s) => s.instructions);
}

/** The image a stage is built on: that of the first stage of its chain, the one that starts from an image. */
export function baseImageOf(model: DockerfileModel, stage: Stage | undefined): ImageRef | null {
  return stage ? stageChain(model, stage)[0]?.image ?? null : null;
}

/** The instruction on a line (0-based), continuation lines included. */
export function instructionAt(model: DockerfileModel, line: number): InstructionNode | undefined {
  const nodes = model.instructions;
  let low = 0;
  let high = nodes.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const node = nodes[middle];
    if (line < node.range.start.line) high = middle - 1;
    else if (line > node.range.end.line) low = middle + 1;
    else return node;
  }
  return undefined;
}

import { detect } from '../core/detect/detect';
import type { DetectResult } from '../core/detect/types';
import { diskFileView } from '../workspace/diskFileView';
import { readGrammar } from '../workspace/grammarFiles';

/** Detection of a folder on disk, as every CLI command runs it: the grammar sits next to this bundle (dist/). */
export function detectOnDisk(dir: string): Promise<DetectResult> {
  return detect(diskFileView(dir), { root: dir, loadGrammar: () => readGrammar(__dirname) });
}

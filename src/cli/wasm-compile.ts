// The AssemblyScript build of the engine's WebAssembly analyzer: shared by `npm run generate:wasm`
// and the test that checks the committed module against its source.
import asc from 'assemblyscript/asc';
import { fileURLToPath } from 'node:url';

const SOURCE = fileURLToPath(new URL('../engine/wasm/assembly/analyze.ts', import.meta.url));

/** Options fixed here, so the module compiles to the same bytes on any machine. */
const OPTIONS = [
  '--optimizeLevel', '3',
  '--shrinkLevel', '0',
  // No allocation: the module only reads and writes the layout the host and it agree on.
  '--runtime', 'stub',
  // Its checks are the host's: a text past the room `bytesFor` gave is never passed in.
  '--noAssert',
  // TEXT starts at 0x64600: 7 pages (448 KB) leave room for paragraphs of up to 4,000 code units or so;
  // the host grows the memory for longer ones.
  '--initialMemory', '7',
  // SIMD for the SimHash's votes and the sketch; an engine without it refuses the module, and the
  // JavaScript pass runs.
  '--enable', 'simd',
];

export async function compileAnalyzer(): Promise<Uint8Array> {
  let wasm: Uint8Array | undefined;
  const { error, stderr } = await asc.main([SOURCE, '--outFile', 'analyze.wasm', ...OPTIONS], {
    writeFile(name: string, contents: Uint8Array | string) {
      if (name.endsWith('.wasm') && typeof contents !== 'string') wasm = contents;
    },
  });
  if (error) throw new Error(`AssemblyScript failed: ${error.message}\n${stderr.toString()}`);
  if (!wasm) throw new Error('AssemblyScript wrote no module');
  return wasm;
}

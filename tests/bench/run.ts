// `npm run bench`: ParaDedup's speed and scale, measured against simhash-js and the bare-pass floor.
//   --json          print the JSON of issue 5 (with a "details" object) instead of the table
//   --size tiny     tiny corpora and page, for the smoke test
//   --no-browser    skip the Chromium part
//   --no-node       skip the Node part (for work on the content script)
//   --skip-100k     skip the largest corpus (no growth ratio)
//   --extension DIR measure this built extension instead of .output/chrome-mv3
//   --chromium PATH run this Chromium instead of /usr/bin/chromium (to compare browser versions)
//   --cpu-profile F after measuring, profile one more load of the long page into F (.cpuprofile, open in DevTools)
import { sampleLines } from '../support/sample';
import { runBrowserBenchmark, type BrowserResults } from './browser';
import { generateCorpus } from './corpus';
import { FULL, runNodeBenchmark, TINY } from './node';
import { newsPage, samplePage } from './pages';
import { toJson, toTable, type BenchResults } from './report';

interface Options {
  json: boolean;
  tiny: boolean;
  browser: boolean;
  node: boolean;
  skipLargest: boolean;
  extensionDir?: string;
  chromiumPath?: string;
  profileFile?: string;
}

/** The browser page has 10,000 paragraphs (issue 5); the tiny run uses 300. */
const PAGE_PARAGRAPHS = { full: 10_000, tiny: 300 };

function parseArgs(args: string[]): Options {
  const options: Options = { json: false, tiny: false, browser: true, node: true, skipLargest: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--json') options.json = true;
    else if (arg === '--no-browser') options.browser = false;
    else if (arg === '--no-node') options.node = false;
    else if (arg === '--skip-100k') options.skipLargest = true;
    else if (arg === '--size' && (args[i + 1] === 'tiny' || args[i + 1] === 'full')) options.tiny = args[++i] === 'tiny';
    else if (arg === '--extension' && args[i + 1]) options.extensionDir = args[++i];
    else if (arg === '--chromium' && args[i + 1]) options.chromiumPath = args[++i];
    else if (arg === '--cpu-profile' && args[i + 1]) options.profileFile = args[++i];
    else throw new Error(`Unknown argument ${arg}. Usage: npm run bench -- [--json] [--size tiny|full] [--no-browser] [--no-node] [--skip-100k] [--extension DIR] [--chromium PATH] [--cpu-profile FILE]`);
  }
  return options;
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const log = (line: string) => process.stderr.write(`bench: ${line}\n`);
  const node = options.node ? runNodeBenchmark(options.tiny ? TINY : FULL, { skipLargest: options.skipLargest }, log) : null;
  const errors: string[] = [];
  let browser: BrowserResults | null = null;
  if (options.browser) {
    const paragraphs = options.tiny ? PAGE_PARAGRAPHS.tiny : PAGE_PARAGRAPHS.full;
    const corpus = generateCorpus(paragraphs);
    const sample = samplePage();
    try {
      browser = await runBrowserBenchmark(
        {
          page: { html: newsPage(corpus.texts, corpus.scripts), paragraphs, scripts: corpus.scripts },
          sample: { ...sample, paragraphs: sampleLines().length, scripts: ['arabic'] },
        },
        { extensionDir: options.extensionDir, chromiumPath: options.chromiumPath, pageLoads: options.tiny ? 1 : 3, sampleLoads: options.tiny ? 2 : 7, profileFile: options.profileFile },
        log,
      );
    } catch (error) {
      errors.push(`browser: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  for (const error of errors) log(`ERROR ${error}`);
  const results: BenchResults = { node, browser, errors };
  process.stdout.write(options.json ? `${JSON.stringify(toJson(results), null, 2)}\n` : `${toTable(results)}\n`);
  return errors.length > 0 ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);

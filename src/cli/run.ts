// `npm run scan`: reads each input, scans it, prints a table or JSON; one bad input never stops the rest.
import { relative } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { EngineOptions } from '../engine';
import { USAGE, UsageError, parseArgs, type ScanArgs } from './args';
import { InputError, MAX_INPUT_BYTES, decodeInput, inputsOf, readBytes } from './input';
import { scanInput, type ScanReport } from './report';
import { formatTable, formatTotal } from './table';
import { printable, wantsColour } from './terminal';

/** The Arabic sample article as a page, scanned when no file is given. */
export const SAMPLE_PAGE = fileURLToPath(new URL('../../tests/fixtures/pages/astana-article.ar.html', import.meta.url));

export interface ScanIO {
  stdin: Readable;
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export const EXIT_OK = 0;
/** At least one input could not be scanned (the others were). */
export const EXIT_INPUT_ERROR = 1;
export const EXIT_USAGE = 2;

/** Width assumed when stdout is not a terminal. */
const DEFAULT_COLUMNS = 100;

const HELP = `${USAGE}

Finds repeated paragraphs in HTML pages (.html/.htm, or anything starting with a tag), pages saved
as one file (.mhtml/.mht) and text files (one paragraph per line), gzipped or not. A directory
stands for the pages and text files in it and in its subdirectories. With no FILE it scans the
bundled Arabic sample article; - reads stdin.

  --json                 one JSON report per input, one per line
  --strictness LEVEL     exact, near (default) or loose
  --min-chars N          ignore blocks shorter than N characters (default: the engine's)
  --encoding LABEL       read inputs that declare no charset in LABEL (e.g. windows-1251,
                         shift_jis), not UTF-8; a BOM or a page's own declaration still wins

Inputs over ${MAX_INPUT_BYTES / 1024 / 1024} MiB, gzipped ones once decompressed, are refused. Exit status: 0 all scanned, 1 some input failed, 2 bad usage.`;

function engineOptions(args: ScanArgs): Partial<EngineOptions> {
  const options: Partial<EngineOptions> = {};
  if (args.strictness) options.strictness = args.strictness;
  if (args.minChars !== undefined) options.minBlockChars = args.minChars;
  return options;
}

/** One line, whatever went wrong: a reason for bad input, the message for anything unexpected. */
export function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.replace(/\s+/g, ' ').trim();
  return error instanceof InputError ? line : `internal error: ${line}`;
}

export async function runScan(argv: readonly string[], io: ScanIO): Promise<number> {
  let args: ScanArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`scan: ${error.message}\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  if (args.help) {
    io.stdout.write(`${HELP}\n`);
    return EXIT_OK;
  }
  const options = engineOptions(args);
  const style = {
    colour: wantsColour(io.stdout.isTTY, io.env),
    width: io.stdout.isTTY ? (io.stdout.columns ?? DEFAULT_COLUMNS) : DEFAULT_COLUMNS,
  };
  const files = args.files.length > 0 ? args.files : [relative(io.cwd, SAMPLE_PAGE)];
  const scanned: ScanReport['stats'][] = [];
  let failed = 0;
  const fail = (name: string, error: unknown) => {
    io.stderr.write(`scan: ${printable(name)}: ${printable(oneLine(error))}\n`);
    failed++;
  };
  for (const arg of files) {
    let inputs: string[];
    try {
      inputs = await inputsOf(arg, fail);
    } catch (error) {
      fail(arg, error);
      continue;
    }
    for (const file of inputs) {
      const name = file === '-' ? '<stdin>' : file;
      try {
        const report = scanInput(name, decodeInput(await readBytes(file, io.stdin), file, args.encoding), options);
        if (args.json) io.stdout.write(`${JSON.stringify(report)}\n`);
        else io.stdout.write(`${scanned.length > 0 ? '\n' : ''}${formatTable(report, style)}\n`);
        scanned.push(report.stats);
      } catch (error) {
        fail(name, error);
      }
    }
  }
  // Several inputs (a directory, a glob) end with their sums, so a long run need not be added up by eye.
  if (!args.json && scanned.length > 0 && scanned.length + failed > 1) {
    io.stdout.write(`\n${formatTotal(scanned, failed, style)}\n`);
  }
  return failed > 0 ? EXIT_INPUT_ERROR : EXIT_OK;
}

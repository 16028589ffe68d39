// Command-line flags of `npm run scan`.
import type { Strictness } from '../engine/types';

export const USAGE =
  'usage: npm run scan -- [--json] [--strictness exact|near|loose] [--min-chars N] [--encoding LABEL] [FILE|DIR ...|-]';

export interface ScanArgs {
  json: boolean;
  help: boolean;
  strictness?: Strictness;
  minChars?: number;
  /** The encoding of inputs that declare none (no BOM, `<meta charset>` or XML declaration), instead of UTF-8. */
  encoding?: string;
  /** Paths to scan; `-` is standard input. Empty: the bundled sample page. */
  files: string[];
}

/** A command line we cannot run: the message goes to stderr with the usage line, exit 2. */
export class UsageError extends Error {}

const STRICTNESS: readonly Strictness[] = ['exact', 'near', 'loose'];

/** Largest --min-chars accepted: longer than any paragraph, so "report nothing" is still expressible. */
const MAX_MIN_CHARS = 1_000_000;

function parseStrictness(value: string): Strictness {
  const found = STRICTNESS.find((s) => s === value);
  if (!found) throw new UsageError(`--strictness must be one of ${STRICTNESS.join(', ')}, not '${value}'`);
  return found;
}

function parseMinChars(value: string): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(n <= MAX_MIN_CHARS)) {
    throw new UsageError(`--min-chars must be a whole number from 0 to ${MAX_MIN_CHARS}, not '${value}'`);
  }
  return n;
}

function parseEncoding(value: string): string {
  try {
    return new TextDecoder(value).encoding;
  } catch {
    throw new UsageError(`--encoding must name an encoding browsers know (such as windows-1251, shift_jis, gbk), not '${value}'`);
  }
}

export function parseArgs(argv: readonly string[]): ScanArgs {
  const args: ScanArgs = { json: false, help: false, files: [] };
  let i = 0;
  const valueOf = (flag: string, inline: string | undefined): string => {
    if (inline !== undefined) return inline;
    const next = argv[++i];
    if (next === undefined) throw new UsageError(`${flag} needs a value`);
    return next;
  };
  for (; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      args.files.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      args.files.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq < 0 ? arg : arg.slice(0, eq);
    const inline = eq < 0 ? undefined : arg.slice(eq + 1);
    if ((flag === '--json' || flag === '--help' || flag === '-h') && inline !== undefined) {
      throw new UsageError(`${flag} takes no value`);
    }
    if (flag === '--json') args.json = true;
    else if (flag === '--help' || flag === '-h') args.help = true;
    else if (flag === '--strictness') args.strictness = parseStrictness(valueOf(flag, inline));
    else if (flag === '--min-chars') args.minChars = parseMinChars(valueOf(flag, inline));
    else if (flag === '--encoding') args.encoding = parseEncoding(valueOf(flag, inline));
    else throw new UsageError(`unknown option '${flag}'`);
  }
  return args;
}

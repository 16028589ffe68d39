// web-ext lint (Mozilla's add-on linter) on the built Firefox extension: 0 errors, and no
// warning except the one Preact ships: its dangerouslySetInnerHTML path assigns innerHTML.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { requireBuiltExtension } from './drivers/common';
import { builtExtension } from './scenario';

interface LintMessage {
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}
interface LintReport {
  summary: { errors: number; warnings: number; notices: number };
  errors: LintMessage[];
  warnings: LintMessage[];
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const webExtBin = path.join(REPO_ROOT, 'node_modules', 'web-ext', 'bin', 'web-ext.js');

async function lint(sourceDir: string): Promise<LintReport> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [webExtBin, 'lint', '--output', 'json', '--no-input', '--source-dir', sourceDir],
    { maxBuffer: 16 * 1024 * 1024 },
  ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  return JSON.parse(stdout) as LintReport;
}

/** Preact's `e.innerHTML = props.dangerouslySetInnerHTML.__html`: the flagged code itself is read, not its file name. */
function isPreactInnerHtml(sourceDir: string, warning: LintMessage): boolean {
  if (warning.code !== 'UNSAFE_VAR_ASSIGNMENT' || !warning.file || !warning.line || !warning.column) return false;
  const line = readFileSync(path.join(sourceDir, warning.file), 'utf8').split('\n')[warning.line - 1] ?? '';
  return /^\w+\.innerHTML\s*=\s*\w+\.__html\b/.test(line.slice(warning.column - 1));
}

// npm test builds all three targets (build:all) before vitest runs.
for (const target of ['firefox-mv2', 'firefox-mv3']) {
  describe(`web-ext lint on ${target}`, () => {
    it('has no errors and no warnings but Preact’s innerHTML', { timeout: 60_000 }, async () => {
      const dir = builtExtension(target);
      requireBuiltExtension(dir);
      const report = await lint(dir);
      expect(report.errors).toEqual([]);
      expect(report.warnings.filter((w) => !isPreactInnerHtml(dir, w))).toEqual([]);
    });
  });
}

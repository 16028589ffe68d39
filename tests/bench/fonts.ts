// Which of the pages' scripts this machine has no font for. Chromium looks up fallback fonts for such
// text through its browser process, and on a machine without CJK fonts the long page took 17–27 s to
// load and its scans a tenth to a third longer (FINDINGS.md's *Fonts*): the benchmark names what is
// missing rather than report such numbers as the extension's own.
import { spawnSync } from 'node:child_process';
import type { Script } from './corpus';

/** A language whose orthography fontconfig knows, per script of the corpus. */
const FONTCONFIG_LANGUAGE: Record<Script, string> = {
  latin: 'en',
  arabic: 'ar',
  cjk: 'zh-cn',
  cyrillic: 'ru',
  devanagari: 'hi',
};

/** A Debian package with fonts for each script, for the hint. */
export const FONT_PACKAGE: Record<Script, string> = {
  latin: 'fonts-dejavu-core',
  arabic: 'fonts-dejavu-core',
  cjk: 'fonts-noto-cjk',
  cyrillic: 'fonts-dejavu-core',
  devanagari: 'fonts-noto-core',
};

/** The scripts among `scripts` that no installed font covers; null where fontconfig cannot be asked (not Linux, no fc-list). */
export function scriptsWithoutFont(scripts: Iterable<Script>, fcList = 'fc-list'): Script[] | null {
  const missing: Script[] = [];
  for (const script of new Set(scripts)) {
    const listed = spawnSync(fcList, [`:lang=${FONTCONFIG_LANGUAGE[script]}`, 'family'], { encoding: 'utf8' });
    if (listed.error || listed.status !== 0) return null;
    if (listed.stdout.trim() === '') missing.push(script);
  }
  return missing;
}

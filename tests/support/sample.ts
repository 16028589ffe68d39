import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The sample that started the project: 14 lines of an Arabic news article. */
export const SAMPLE_PATH = fileURLToPath(new URL('../fixtures/samples/astana-article.ar.txt', import.meta.url));

export function sampleLines(): string[] {
  return readFileSync(SAMPLE_PATH, 'utf8').split('\n').filter((line) => line.trim() !== '');
}

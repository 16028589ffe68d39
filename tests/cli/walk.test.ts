import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { InputError, inputsOf } from '../../src/cli/input';

// Root, which runs CI, reads any directory: a listing refused as for an ordinary user is staged here.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return { ...actual, readdir: vi.fn(actual.readdir) };
});

const dir = mkdtempSync(join(tmpdir(), 'paradedup-walk-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('inputsOf: a directory', () => {
  it('names a subdirectory it cannot list, and still finds the files beside it', async () => {
    const folder = join(dir, 'saved');
    mkdirSync(join(folder, 'locked'), { recursive: true });
    mkdirSync(join(folder, 'open'));
    writeFileSync(join(folder, 'locked', 'hidden.txt'), 'never read');
    writeFileSync(join(folder, 'open', 'page.html'), '<p>x</p>');
    writeFileSync(join(folder, 'notes.txt'), 'x');
    const actual = vi.mocked(readdir).getMockImplementation()!;
    vi.mocked(readdir).mockImplementation(((path: string, options: never) =>
      path.endsWith('locked') ? Promise.reject(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })) : actual(path, options)) as typeof readdir);
    const unreadable: [string, string][] = [];
    const found = await inputsOf(folder, (path, reason) => {
      expect(reason).toBeInstanceOf(InputError);
      unreadable.push([path, reason.message]);
    });
    expect(found).toEqual([join(folder, 'notes.txt'), join(folder, 'open', 'page.html')]);
    expect(unreadable).toEqual([[join(folder, 'locked'), 'permission denied']]);
    // Where nothing else was found, the unread subdirectory is all there is to say: its pages may be there.
    const only = join(dir, 'only');
    mkdirSync(join(only, 'locked'), { recursive: true });
    unreadable.length = 0;
    expect(await inputsOf(only, (path, reason) => unreadable.push([path, reason.message]))).toEqual([]);
    expect(unreadable).toEqual([[join(only, 'locked'), 'permission denied']]);
  });
});

import { describe, expect, it } from 'vitest';
import config, { GECKO_ID } from '../../wxt.config';
import { TOGGLE_AUTO_COLLAPSE_COMMAND } from '../../src/background/command-name';

type Manifest = Record<string, any>;
const manifestFor = (browser: string) =>
  (config.manifest as (env: { browser: string; manifestVersion: 2 | 3 }) => Manifest)({ browser, manifestVersion: browser === 'chrome' ? 3 : 2 });

/**
 * Letters to stay away from after Alt+Shift: Chromium 156 refuses these as suggested keys (it keeps
 * them for itself), Google Chrome adds I, and Chrome's and Firefox's Alt+letter menus use E F V S B T H.
 */
const RESERVED_LETTERS = [...'ABCNPRTWXZ', 'I', ...'EFVSBTH'];

describe('manifest', () => {
  it('asks for the storage permission only', () => {
    for (const browser of ['chrome', 'firefox']) {
      const manifest = manifestFor(browser);
      expect(manifest.permissions).toEqual(['storage']);
      expect(manifest.host_permissions).toBeUndefined();
      expect(manifest.optional_permissions).toBeUndefined();
    }
  });

  it('declares the toggle shortcut with an Alt+Shift key the browsers leave free', () => {
    const command = manifestFor('chrome').commands[TOGGLE_AUTO_COLLAPSE_COMMAND];
    const key: string = command.suggested_key.default;
    expect(key).toMatch(/^Alt\+Shift\+[A-Z]$/);
    expect(RESERVED_LETTERS).not.toContain(key.slice(-1));
    expect(command.description).toBe('__MSG_commandToggleAutoCollapse__');
  });

  it('carries the gecko settings for Firefox only', () => {
    expect(manifestFor('chrome').browser_specific_settings).toBeUndefined();
    expect(manifestFor('firefox').browser_specific_settings).toEqual({
      gecko: { id: GECKO_ID, strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
      gecko_android: { strict_min_version: '142.0' },
    });
  });

  it('starts the settings prefetch at document_start wherever the content script runs, with its styles, once the page is parsed', () => {
    const pages = ['http://*/*', 'https://*/*'];
    for (const browser of ['chrome', 'firefox']) {
      expect(manifestFor(browser).content_scripts).toEqual([
        { matches: pages, js: ['settings-prefetch.js'], run_at: 'document_start', all_frames: true },
        { matches: pages, js: ['content-script.js'], css: ['assets/content-script.css'], run_at: 'document_idle', all_frames: true },
      ]);
    }
  });

  it('is localised through _locales', () => {
    const manifest = manifestFor('chrome');
    expect(manifest.name).toBe('__MSG_extName__');
    expect(manifest.description).toBe('__MSG_extDescription__');
    expect(manifest.default_locale).toBe('en');
  });
});

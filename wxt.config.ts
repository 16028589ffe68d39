import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { TOGGLE_AUTO_COLLAPSE_COMMAND } from './src/background/command-name';

export const GECKO_ID = 'paradedup@paradedup.dev';

/**
 * Alt+Shift+U ("unclutter"). Chromium 156 refuses suggested keys that clash with its own shortcuts
 * (Alt+Shift+A B C N P R T W X Z), Google Chrome adds I (feedback); Alt+letter opens menus for
 * E F V S B T H in Chrome and Firefox; Dark Reader takes Alt+Shift+A and D. Firefox has no Alt+Shift ones.
 */
const TOGGLE_SHORTCUT = 'Alt+Shift+U';

/** Web pages, where both content scripts run. */
const PAGES = ['http://*/*', 'https://*/*'];

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact()],
    // Vite compiles each module alone and keeps a const enum as an object, read at every use: the engine's
    // hot-loop constants are const enums to be written in as literals (see `Hash` in src/engine/analyze.ts).
    oxc: { typescript: { optimizeConstEnums: true } },
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // Settings and site rules only; pages are read by the content script's host matches, not by a permission.
    permissions: ['storage'],
    action: { default_title: '__MSG_extName__' },
    // Both are unlisted scripts listed here by hand. WXT's content-script wrapper would add its context object,
    // whose start announces itself to the page with a DOM event named by the extension's id: any site, even
    // one set to never scan, could tell that ParaDedup is installed. Neither script uses that context.
    content_scripts: [
      // The settings prefetch (entrypoints/settings-prefetch.ts) starts where the content script will run.
      { matches: PAGES, js: ['settings-prefetch.js'], run_at: 'document_start', all_frames: true },
      // Same-origin iframes carry article text too; each frame scans itself and reports its own count.
      { matches: PAGES, js: ['content-script.js'], css: ['assets/content-script.css'], run_at: 'document_idle', all_frames: true },
    ],
    commands: {
      [TOGGLE_AUTO_COLLAPSE_COMMAND]: {
        suggested_key: { default: TOGGLE_SHORTCUT },
        description: '__MSG_commandToggleAutoCollapse__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  zip: {
    // Mozilla's reviewers rebuild from this: sources and lockfile, never builds, deps or test output.
    excludeSources: [
      '.output/**',
      '.wxt/**',
      'coverage/**',
      'test-results/**',
      '**/artifacts/**',
      '**/screenshots/**',
      '**/*.log',
      '**/*.zip',
    ],
  },
});

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
    // The settings prefetch (entrypoints/settings-prefetch.ts), on the content script's pages and frames.
    // An unlisted script listed here: as a WXT content script it would carry the polyfill and wrapper into every page's start.
    content_scripts: [{ matches: ['http://*/*', 'https://*/*'], js: ['settings-prefetch.js'], run_at: 'document_start', all_frames: true }],
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

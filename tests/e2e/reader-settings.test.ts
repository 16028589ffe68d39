// A low-vision reader's settings in both browsers, each launched with them: forced colours and a larger
// default text size. Chromium with the MV3 build, Firefox ESR with the MV2 build, as the other suites test them.
import { launchChromium } from './drivers/chromium';
import { launchFirefox } from './drivers/firefox';
import type { LaunchOptions } from './drivers/types';
import { builtExtension, runScenarios } from './scenario';
import { READER_FONT_SIZE, readerSettingScenarios } from './scenarios/reader-settings';

const settings: Partial<LaunchOptions> = { forcedColors: true, defaultFontSize: READER_FONT_SIZE };

runScenarios('chromium-reader-settings', (options) => launchChromium({ ...options, ...settings }), builtExtension('chrome-mv3'), readerSettingScenarios);
runScenarios('firefox-reader-settings', (options) => launchFirefox({ ...options, ...settings }), builtExtension('firefox-mv2'), readerSettingScenarios);

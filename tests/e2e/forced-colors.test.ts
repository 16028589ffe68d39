// Forced colours in both browsers, each launched in that mode: Chromium with the MV3 build, Firefox
// ESR with the MV2 build, as the other suites test them.
import { launchChromium } from './drivers/chromium';
import { launchFirefox } from './drivers/firefox';
import { builtExtension, runScenarios } from './scenario';
import { forcedColorScenarios } from './scenarios/forced-colors';

runScenarios('chromium-forced-colors', (options) => launchChromium({ ...options, forcedColors: true }), builtExtension('chrome-mv3'), forcedColorScenarios);
runScenarios('firefox-forced-colors', (options) => launchFirefox({ ...options, forcedColors: true }), builtExtension('firefox-mv2'), forcedColorScenarios);

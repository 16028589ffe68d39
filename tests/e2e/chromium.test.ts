// Every scenario in Debian's Chromium (playwright-core) with the built MV3 extension.
import { launchChromium } from './drivers/chromium';
import { builtExtension, runScenarios } from './scenario';
import { SCENARIOS } from './scenarios';

runScenarios('chromium', launchChromium, builtExtension('chrome-mv3'), SCENARIOS);

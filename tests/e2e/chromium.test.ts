// Every scenario in Debian's Chromium (playwright-core) with the built MV3 extension, and the print
// scenario, which only this driver can lay out.
import { launchChromium } from './drivers/chromium';
import { builtExtension, runScenarios } from './scenario';
import { SCENARIOS } from './scenarios';
import { printScenarios } from './scenarios/extension';

runScenarios('chromium', launchChromium, builtExtension('chrome-mv3'), [...SCENARIOS, ...printScenarios]);

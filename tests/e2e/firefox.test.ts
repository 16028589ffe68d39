// Every scenario in Firefox ESR (puppeteer-core over WebDriver BiDi) with the built MV2 extension.
import { launchFirefox } from './drivers/firefox';
import { builtExtension, runScenarios } from './scenario';
import { SCENARIOS } from './scenarios';

runScenarios('firefox', launchFirefox, builtExtension('firefox-mv2'), SCENARIOS);

// The Firefox MV3 build works too: the core scenarios (badge, highlight, auto-collapse through
// the popup, exact restore) in Firefox ESR with .output/firefox-mv3.
import { launchFirefox } from './drivers/firefox';
import { builtExtension, runScenarios } from './scenario';
import { extensionScenarios } from './scenarios/extension';

runScenarios('firefox-mv3', launchFirefox, builtExtension('firefox-mv3'), extensionScenarios.slice(0, 3));

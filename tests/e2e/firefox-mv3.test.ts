// The Firefox MV3 build works too: the core scenarios (badge, highlight, auto-collapse through
// the popup, exact restore) in Firefox ESR with .output/firefox-mv3, and the strict-CSP page, as
// MV3 content scripts answer to another policy than MV2's (the WebAssembly analyzer compiles under it).
import { launchFirefox } from './drivers/firefox';
import { builtExtension, runScenarios } from './scenario';
import { extensionScenarios } from './scenarios/extension';
import { pageScenarios } from './scenarios/pages';

const strictCsp = pageScenarios.filter((scenario) => scenario.name.startsWith('strict CSP'));

runScenarios('firefox-mv3', launchFirefox, builtExtension('firefox-mv3'), [...extensionScenarios.slice(0, 3), ...strictCsp]);

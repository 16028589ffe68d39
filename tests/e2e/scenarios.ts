// The e2e scenario list, written once against the driver interface and run in every browser.
import type { Scenario } from './scenario';
import { extensionScenarios } from './scenarios/extension';
import { pageScenarios } from './scenarios/pages';

export const SCENARIOS: Scenario[] = [...extensionScenarios, ...pageScenarios];

// What the controller tests run a PageController with: plans from the (fake) storage, a clock that
// yields at once, and an observer that hands over changes within milliseconds.
import type { PlanSource } from '../../src/page/controller';
import { loadPagePlan, watchPagePlan } from '../../src/settings';

export const storagePlans: PlanSource = { load: loadPagePlan, watch: watchPagePlan };

export const fastClock = { now: () => performance.now(), yield: () => new Promise<void>((resolve) => setTimeout(resolve, 0)) };

export const FAST_OBSERVER = { debounceMs: 5, maxWaitMs: 50, stormThreshold: 200 };

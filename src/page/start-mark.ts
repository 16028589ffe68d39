// Imported first by the content script, so its start is marked before any other module has run.
import { START_MARK, mark } from './scan-marks';

/** performance.now() when the content script started running. */
export const contentScriptStartedAt = globalThis.performance?.now();

mark(globalThis.performance, START_MARK);

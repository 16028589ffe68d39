// Imported first by the content script, so its start is marked before any other module has run.
import { START_MARK, mark } from './scan-marks';

mark(globalThis.performance, START_MARK);

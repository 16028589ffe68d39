/** The manifest `commands` entry that toggles auto-collapse on the current site. */
export const TOGGLE_AUTO_COLLAPSE_COMMAND = 'toggle-auto-collapse';

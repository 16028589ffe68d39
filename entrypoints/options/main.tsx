import { render } from 'preact';
import { browser } from 'wxt/browser';
import '@/src/ui/theme.css';
import '@/src/ui/options/options.css';
import { TOGGLE_AUTO_COLLAPSE_COMMAND } from '@/src/background/command-name';
import { applyUiDirection, cachedTranslate } from '@/src/ui/i18n';
import { OptionsApp } from '@/src/ui/options/OptionsApp';

async function loadShortcut(): Promise<string | null> {
  const commands = (await browser.commands?.getAll()) ?? [];
  return commands.find((command) => command.name === TOGGLE_AUTO_COLLAPSE_COMMAND)?.shortcut || null;
}

applyUiDirection(document);
const t = cachedTranslate();
document.title = t('optionsTitle');
render(<OptionsApp t={t} loadShortcut={loadShortcut} />, document.getElementById('app')!);

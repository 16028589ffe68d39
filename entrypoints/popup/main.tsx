import { render } from 'preact';
import '@/src/ui/theme.css';
import '@/src/ui/popup/popup.css';
import { applyUiDirection, cachedTranslate } from '@/src/ui/i18n';
import { browserMessenger } from '@/src/ui/popup/messenger';
import { PopupApp } from '@/src/ui/popup/PopupApp';

applyUiDirection(document);
const t = cachedTranslate();
document.title = t('extName');
render(<PopupApp messenger={browserMessenger(location.search)} t={t} />, document.getElementById('app')!);

import { render } from 'preact';
import '@/src/ui/theme.css';
import '@/src/ui/popup/popup.css';
import { applyUiDirection, translate } from '@/src/ui/i18n';
import { browserMessenger } from '@/src/ui/popup/messenger';
import { PopupApp } from '@/src/ui/popup/PopupApp';

applyUiDirection(document);
document.title = translate('extName');
render(<PopupApp messenger={browserMessenger(location.search)} t={translate} />, document.getElementById('app')!);

// The three views of the signed-in page: chats, devices, account.

import {state} from './state.js';
import {api} from './api.js';
import {renderAccount} from './account.js';
import {$} from './ui.js';

export function showView(view) {
    for (const tab of document.querySelectorAll('.views [role="tab"]')) {
        tab.setAttribute('aria-selected', String(tab.dataset.view === view));
    }
    for (const name of ['chats', 'devices', 'account']) {
        $(`#view-${name}`).hidden = name !== view;
    }
    $('#details').hidden = view !== 'chats' || state.current === null;
    $('#app').classList.toggle('with-details', view === 'chats' && state.current !== null);
    if (view === 'devices') {
        import('./devices.js').then(m => m.refresh(api));
    }
    if (view === 'account') {
        renderAccount();
    }
}

// The user's account (R1) and the upgrade to universal (R9).

import {state} from './state.js';
import {explain} from './errors.js';
import {h, $, clearError, showError, toast, formatTime} from './ui.js';

export function renderAccount() {
    const a = state.account;
    if (!a) {
        return;
    }
    const facts = [['User name', a.userName], ['Local address', a.localAddress],
        ['Universal address', a.universal ? a.universalAddress : 'none (local-only account)'],
        ['Full name', a.attributes.fullName], ['Screen name', a.attributes.screenName], ['E-mail', a.attributes.email],
        ['Postal address', a.attributes.postalAddress], ['Billing reference', a.attributes.billingReference],
        ['Time zone', a.timeZone], ['Registered', formatTime(a.registeredAt)], ['This device', state.device]];
    $('#account-facts').replaceChildren(...facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v || '—')]));
    $('#upgrade-box').hidden = a.universal;
}

/** Becomes universal (R9); true when it worked, and then the caller connects to the Universal IM server too. */
export async function upgrade() {
    clearError('#account-error');
    try {
        const result = await state.local.request('account.upgrade');
        state.account = result.account;
        $('#me-name').textContent = state.account.universalAddress;
        renderAccount();
        toast(`You are now universal: ${state.account.universalAddress}.`);
        return true;
    } catch (error) {
        showError('#account-error', explain(error));
        return false;
    }
}

// The user's account (R1) and the upgrade to universal (R9); what the user does with it themselves (issue 16):
// profile, password, export of their data, invitations and deleting the account.

import {state} from './state.js';
import {api} from './api.js';
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
    $('#profile-full-name').value = a.attributes.fullName || '';
    $('#profile-screen-name').value = a.attributes.screenName || '';
    $('#profile-email').value = a.attributes.email || '';
    $('#profile-address').value = a.attributes.postalAddress || '';
    $('#invite-box').hidden = !(state.policy && state.policy.invitationsByUsers);
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

export async function saveProfile(e) {
    e.preventDefault();
    clearError('#account-error');
    try {
        const result = await state.local.request('account.profile', {fullName: $('#profile-full-name').value,
            screenName: $('#profile-screen-name').value, email: $('#profile-email').value,
            postalAddress: $('#profile-address').value});
        state.account = result.account;
        renderAccount();
        toast('Your profile is saved.');
    } catch (error) {
        showError('#account-error', explain(error));
    }
}

/**
 * Changes the password; the user's other devices are logged off, this page stays. True when it worked: the caller
 * then connects to the Universal IM server again with the new password.
 */
export async function changePassword(e) {
    e.preventDefault();
    clearError('#account-error');
    const oldPassword = $('#old-password').value;
    const newPassword = $('#new-password').value;
    try {
        await state.local.request('account.password', {oldPassword, newPassword});
        state.password = newPassword;
        $('#old-password').value = '';
        $('#new-password').value = '';
        toast('Your password is changed. Your other devices were logged off.');
        return true;
    } catch (error) {
        showError('#account-error', explain(error));
        return false;
    }
}

/** Downloads "my data" (the JSON API's export) as a file. */
export async function exportData() {
    clearError('#account-error');
    try {
        const data = await api('GET', 'me/export');
        const file = new Blob([JSON.stringify(data, null, 2)], {type: 'application/json'});
        const link = h('a', {href: URL.createObjectURL(file), download: `${state.user}-export.json`});
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(link.href), 10000);
        toast(`Your data: ${data.profile.roster.length} contacts and ${data.history.length} messages.`);
    } catch (error) {
        showError('#account-error', error.message || explain(error));
    }
}

export async function invite() {
    clearError('#account-error');
    try {
        const result = await state.local.request('invitation.create');
        const link = `${location.origin}${location.pathname}?preauth=${encodeURIComponent(result.invitation.token)}`;
        $('#invitation-link').replaceChildren(h('span', {}, 'Give this link (it works once, until '
            + formatTime(result.invitation.expiresAt) + '): '), h('a', {href: link}, link),
            h('span', {class: 'hint'}, ` — or in an XMPP client: ${result.invitation.uri}`));
    } catch (error) {
        showError('#account-error', explain(error));
    }
}

/** Deletes the account with the password as confirmation; true when it is gone. */
export async function deleteAccount(e) {
    e.preventDefault();
    clearError('#account-error');
    const password = $('#delete-password').value;
    if (!password) {
        showError('#account-error', 'Enter your password to confirm.');
        return false;
    }
    if (!confirm('Delete your account and everything of it? This cannot be undone.')) {
        return false;
    }
    try {
        state.loggingOut = true;
        await state.local.request('account.delete', {password});
        return true;
    } catch (error) {
        state.loggingOut = false;
        showError('#account-error', explain(error));
        return false;
    }
}

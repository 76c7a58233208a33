// The ISP console's tools of issue 16 ("users in control"): a user's offline box (seen, purged), deleting and creating
// accounts, invitations to register, and a peer's outbox (seen, purged). admin.js hands in its API client.

import {h, $, showError, clearError, toast, formatTime} from './ui.js';

let tools = null;

/** @param hooks {api, failed, selectedUser, userGone, refreshUser, refreshPeers} from admin.js */
export function wireTools(hooks) {
    tools = hooks;
    $('#user-purge').addEventListener('click', purgeOffline);
    $('#user-delete').addEventListener('click', deleteUser);
    $('#create-user-form').addEventListener('submit', createUser);
    $('#invitation-form').addEventListener('submit', makeInvitation);
    $('#outbox-close').addEventListener('click', () => {
        $('#outbox-panel').hidden = true;
    });
    $('#outbox-purge').addEventListener('click', purgeOutbox);
}

// --- a user's offline box, deleting and creating accounts

export async function showOffline(name) {
    try {
        const box = await tools.api('GET', `users/${encodeURIComponent(name)}/offline`);
        $('#user-offline').dataset.waiting = String(box.waiting);
        $('#user-offline').textContent = box.waiting === 0 ? 'Nothing waits for this user.'
            : `${box.waiting} message${box.waiting === 1 ? '' : 's'} wait${box.waiting === 1 ? 's' : ''} for the next log-on`
            + (box.messages.length ? `, the oldest from ${box.messages[0].from} (${formatTime(box.messages[0].sentAt)}).` : '.');
        $('#user-purge').disabled = box.waiting === 0;
    } catch (error) {
        tools.failed(error, '#user-error');
    }
}

async function purgeOffline() {
    const name = tools.selectedUser();
    if (!confirm(`Purge the offline box of ${name}? The senders are told their messages were not delivered.`)) {
        return;
    }
    try {
        const result = await tools.api('DELETE', `users/${encodeURIComponent(name)}/offline`);
        toast(`${result.purged} message${result.purged === 1 ? '' : 's'} purged; the senders are told.`);
        await showOffline(name);
    } catch (error) {
        tools.failed(error, '#user-error');
    }
}

async function deleteUser() {
    const name = tools.selectedUser();
    const typed = prompt(`Delete ${name} with all their data (devices, contacts, history, offline messages)? `
        + 'They are logged off first; their contacts, also at other ISPs, drop them. Type the user name to confirm.');
    if (typed === null) {
        return;
    }
    if (typed.trim().toLowerCase() !== name) {
        showError('#user-error', 'The name typed does not match: nothing was deleted.');
        return;
    }
    try {
        await tools.api('DELETE', `users/${encodeURIComponent(name)}`);
        toast(`${name} is deleted.`);
        tools.userGone();
    } catch (error) {
        tools.failed(error, '#user-error');
    }
}

async function createUser(e) {
    e.preventDefault();
    clearError('#user-error');
    const body = {userName: $('#create-user-name').value.trim(), fullName: $('#create-user-full-name').value.trim(),
        password: $('#create-user-password').value, universal: $('#create-user-universal').checked};
    try {
        const account = await tools.api('POST', 'users', body);
        toast(`${account.userName} is created: ${account.universal ? account.universalAddress : account.localAddress}.`);
        $('#create-user-form').reset();
        await tools.refreshUser(account.userName);
    } catch (error) {
        tools.failed(error, '#user-error');
    }
}

// --- invitations

export async function loadInvitations() {
    try {
        const list = await tools.api('GET', 'invitations');
        $('#invitation-table tbody').replaceChildren(...list.map(i => {
            const revoke = h('button', {type: 'button', class: 'ghost danger', 'data-revoke': i.id}, 'Withdraw');
            revoke.addEventListener('click', () => revokeInvitation(i.id));
            return h('tr', {'data-invitation': i.id, 'data-state': i.state},
                h('td', {}, h('code', {}, i.id)), h('td', {}, i.createdBy === '@admin' ? 'the ISP' : i.createdBy),
                h('td', {}, formatTime(i.createdAt)), h('td', {}, formatTime(i.expiresAt)),
                h('td', {}, i.state === 'used' ? `used by ${i.usedBy} (${formatTime(i.usedAt)})` : i.state),
                h('td', {class: 'actions'}, i.state === 'open' ? revoke : ''));
        }));
    } catch (error) {
        tools.failed(error, '#invitation-error');
    }
}

async function makeInvitation(e) {
    e.preventDefault();
    clearError('#invitation-error');
    const days = $('#invitation-days').value.trim();
    try {
        const i = await tools.api('POST', 'invitations', days ? {validDays: Number(days)} : {});
        const page = new URL(`../?preauth=${encodeURIComponent(i.token)}`, location.href).href;
        $('#invitation-made').dataset.token = i.token;
        $('#invitation-made').replaceChildren(h('p', {}, `Invitation ${i.id}, valid until ${formatTime(i.expiresAt)}, works once. `
            + 'Give one of these to the person you invite (the code is not shown again):'),
        h('p', {}, 'Web page: ', h('a', {href: page}, page)), h('p', {}, 'XMPP client: ', h('code', {}, i.uri)),
        h('p', {}, 'Code: ', h('code', {id: 'invitation-token'}, i.token)));
        await loadInvitations();
    } catch (error) {
        tools.failed(error, '#invitation-error');
    }
}

async function revokeInvitation(id) {
    try {
        await tools.api('DELETE', `invitations/${encodeURIComponent(id)}`);
        toast(`Invitation ${id} withdrawn.`);
        await loadInvitations();
    } catch (error) {
        tools.failed(error, '#invitation-error');
    }
}

// --- a peer's outbox

let outboxPeer = null;

export async function showOutbox(domain) {
    outboxPeer = domain;
    try {
        const items = await tools.api('GET', `peers/${encodeURIComponent(domain)}/outbox`);
        $('#outbox-title').textContent = `Waiting for ${domain}: ${items.length}${items.length >= 500 ? '+' : ''}`;
        $('#outbox-table tbody').replaceChildren(...items.map(o => h('tr', {'data-item': String(o.id), 'data-operation': o.operation},
            h('td', {}, String(o.id)), h('td', {}, o.operation), h('td', {}, o.subject || '—'), h('td', {}, o.senderUser || '—'),
            h('td', {}, `${o.attempts} (next ${formatTime(o.nextAttemptAt)})`), h('td', {}, o.lastError || '—'))));
        $('#outbox-purge').disabled = items.length === 0;
        $('#outbox-panel').hidden = false;
    } catch (error) {
        tools.failed(error, '#peer-error');
    }
}

async function purgeOutbox() {
    if (!outboxPeer || !confirm(`Purge everything waiting for ${outboxPeer}? The senders of its messages are told.`)) {
        return;
    }
    try {
        const result = await tools.api('DELETE', `peers/${encodeURIComponent(outboxPeer)}/outbox`);
        toast(`${result.purged} request${result.purged === 1 ? '' : 's'} purged from the outbox of ${outboxPeer}.`);
        await showOutbox(outboxPeer);
        tools.refreshPeers();
    } catch (error) {
        tools.failed(error, '#peer-error');
    }
}

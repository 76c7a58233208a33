// Changes to the roster and presence as the Local IM server pushes them (R5, R6), and what the user does with
// contacts: add one, remove one, answer a request to see their presence.

import {state, keyOf, displayName} from './state.js';
import {renderRoster, renderPending} from './contacts.js';
import {closeChat, renderChatHeader} from './conversations.js';
import {renderDetails} from './details.js';
import {explain} from './errors.js';
import {$, showError, clearError, toast} from './ui.js';

export function rosterPush(push) {
    const key = keyOf(push.entry.contact);
    if (push.removed) {
        state.roster.delete(key);
        closeChat(key);
    } else {
        state.roster.set(key, push.entry);
    }
    renderRoster();
    if (state.current === key) {
        renderDetails();
        renderChatHeader();
    }
}

export function updatePresence(presence) {
    const key = keyOf(presence.address);
    const entry = state.roster.get(key);
    if (entry) {
        entry.presence = presence;
        renderRoster();
        if (state.current === key) {
            renderDetails();
        }
    }
}

/** Someone asks to see the user's presence: the request waits in the list until answered. */
export function subscriptionRequested(detail) {
    state.pending = state.pending.filter(p => keyOf(p.from) !== keyOf(detail.from));
    state.pending.push({from: detail.from, message: detail.message});
    renderPending();
    toast(`${detail.from} asks to see your presence.`);
}

export function subscriptionAnswered(detail) {
    const entry = state.roster.get(keyOf(detail.contact));
    const who = entry ? displayName(entry) : detail.contact;
    toast(detail.approved ? `${who} accepted: you can now see their presence.` : `${who} declined your request.`);
}

export async function answerRequest(from, approve) {
    try {
        if (approve) {
            await state.local.request('subscription.approve', {contact: from});
            // seeing each other is the usual wish: ask back unless already seeing them or asking
            const entry = state.roster.get(keyOf(from));
            const seesThem = entry && (entry.subscription === 'TO' || entry.subscription === 'BOTH');
            if (!seesThem && !(entry && entry.asking)) {
                await state.local.request('subscription.request', {contact: from});
            }
            toast(`${from} can now see your presence.`);
        } else {
            await state.local.request('subscription.deny', {contact: from});
        }
        state.pending = state.pending.filter(p => keyOf(p.from) !== keyOf(from));
        renderPending();
        const roster = await state.local.request('roster.get');
        state.roster.clear();
        roster.roster.forEach(e => state.roster.set(keyOf(e.contact), e));
        renderRoster();
    } catch (error) {
        toast(explain(error), 'error');
    }
}

export async function addContact(e) {
    e.preventDefault();
    clearError('#add-contact-error');
    const address = $('#add-contact-address').value.trim();
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address)) {
        showError('#add-contact-error', 'Enter an address like name@isp.example.');
        return;
    }
    try {
        const result = await state.local.request('roster.add', {contact: address, subscribe: true});
        state.roster.set(keyOf(result.entry.contact), result.entry);
        renderRoster();
        $('#add-contact-address').value = '';
        toast(`Asked ${result.entry.contact} to let you see their presence.`);
    } catch (error) {
        showError('#add-contact-error', explain(error));
    }
}

export async function removeContact() {
    const entry = state.roster.get(state.current);
    if (!entry || !confirm(`Remove ${displayName(entry)} from your contacts? You will stop seeing each other's presence.`)) {
        return;
    }
    try {
        await state.local.request('roster.remove', {contact: entry.contact});
        state.roster.delete(state.current);
        closeChat(state.current);
        renderRoster();
    } catch (error) {
        showError('#details-error', explain(error));
    }
}

// What reaches the user (issue 16): the block list, one for every protocol (block a contact, a request or any
// address or domain; unblock), and what the user accepts from strangers. Over the Local IM protocol's block.* and
// privacy.* frames.

import {state, keyOf, isBlocked} from './state.js';
import {renderRoster, renderPending} from './contacts.js';
import {renderDetails} from './details.js';
import {explain} from './errors.js';
import {h, $, showError, clearError, toast} from './ui.js';

/** Reads the block list and the privacy choices (after log-in). */
export async function loadPrivacy() {
    try {
        const [blocks, privacy] = await Promise.all([state.local.request('block.list'), state.local.request('privacy.get')]);
        state.blocks = blocks.blocks;
        state.privacy = privacy.privacy;
    } catch (error) {
        toast(explain(error), 'error');
    }
    redraw();
}

export async function block(address) {
    try {
        const result = await state.local.request('block.add', {address});
        state.blocks = state.blocks.filter(b => b.address !== result.block.address).concat(result.block);
        // a request from the address is no longer shown
        state.pending = state.pending.filter(p => !isBlocked(p.from));
        toast(`${result.block.address} is blocked: nothing from ${result.block.domain ? 'there' : 'them'} reaches you now.`);
        redraw();
        return true;
    } catch (error) {
        toast(explain(error), 'error');
        return false;
    }
}

export async function unblock(address) {
    try {
        await state.local.request('block.remove', {address});
        state.blocks = state.blocks.filter(b => b.address !== address);
        const pending = await state.local.request('subscription.pending');
        state.pending = pending.pending;
        toast(`${address} is no longer blocked.`);
        redraw();
    } catch (error) {
        toast(explain(error), 'error');
    }
}

/** The block button of the open contact: block, or unblock when blocked. */
export async function toggleCurrentContact() {
    const entry = state.current ? state.roster.get(state.current) : null;
    if (!entry) {
        return;
    }
    const blocked = state.blocks.find(b => !b.domain && keyOf(b.address) === keyOf(entry.contact));
    if (blocked) {
        await unblock(blocked.address);
    } else if (confirm(`Block ${entry.contact}? They will not be told; their messages, presence and requests stop reaching you, `
        + 'and they see you offline.')) {
        await block(entry.contact);
    }
}

export async function setStrangers(value) {
    clearError('#privacy-error');
    try {
        const result = await state.local.request('privacy.set', {strangers: value});
        state.privacy = result.privacy;
        toast('Saved: ' + strangersText(state.privacy.strangers) + '.');
    } catch (error) {
        showError('#privacy-error', explain(error));
    }
    renderPrivacy();
}

export async function addBlock(e) {
    e.preventDefault();
    clearError('#privacy-error');
    const address = $('#block-address').value.trim();
    if (!address) {
        showError('#privacy-error', 'Enter an address (name@isp.example) or a domain (isp.example).');
        return;
    }
    if (await block(address)) {
        $('#block-address').value = '';
    }
}

function strangersText(policy) {
    return {allow: 'messages from anybody are welcome', no_offline: 'people outside your contacts reach you only while you '
        + 'are online', refuse: 'only your contacts can write to you'}[policy] || policy;
}

export function renderPrivacy() {
    if (!state.privacy) {
        return;
    }
    $('#strangers').value = state.privacy.chosen || 'default';
    $('#strangers-default').textContent = `The ISP's default: ${strangersText(state.privacy.ispDefault)}.`;
    $('#block-list').replaceChildren(...state.blocks.map(b => {
        const button = h('button', {type: 'button', class: 'ghost', 'data-unblock': b.address}, 'Unblock');
        return h('li', {'data-blocked': b.address}, h('span', {}, b.address, b.domain ? h('span', {class: 'hint'}, ' (whole domain)') : ''),
            button);
    }));
    $('#block-empty').hidden = state.blocks.length > 0;
}

function redraw() {
    renderRoster();
    renderPending();
    renderDetails();
    renderPrivacy();
}

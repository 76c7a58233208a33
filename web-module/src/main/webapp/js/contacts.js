// The contact list and the pending requests, drawn from the state (R5: universal contacts are marked; R6: each
// contact's presence). Clicks on them are handled by app.js.

import {state, domainOf, displayName, isBlocked} from './state.js';
import {h, $, STATE_LABELS} from './ui.js';

export function presenceState(entry) {
    return entry.presence ? entry.presence.aggregate : 'UNKNOWN';
}

export function presenceText(entry) {
    if (!entry.presence) {
        return entry.asking ? 'Waiting for them to accept your request' : 'You cannot see their presence';
    }
    const label = STATE_LABELS[entry.presence.aggregate] || entry.presence.aggregate;
    return entry.presence.statusText ? `${label} — ${entry.presence.statusText}` : label;
}

export function renderRoster() {
    const list = $('#contact-list');
    const entries = [...state.roster.entries()].sort(([, a], [, b]) => displayName(a).localeCompare(displayName(b)));
    list.replaceChildren(...entries.map(([key, entry]) => {
        const conversation = state.conversations.get(key);
        const tags = h('span', {class: 'tags'});
        if (entry.universal) {
            tags.append(h('span', {class: 'badge universal', title: 'Universal user: reachable across ISPs'}, 'universal'));
        }
        if (!entry.sameIsp) {
            tags.append(h('span', {class: 'badge foreign', title: `A user of another ISP: ${domainOf(entry.contact)}`}, 'other ISP'));
        }
        if (entry.asking) {
            tags.append(h('span', {class: 'badge pending'}, 'asked'));
        }
        const blocked = isBlocked(entry.contact);
        if (blocked) {
            tags.append(h('span', {class: 'badge blocked', title: 'Blocked: nothing of theirs reaches you'}, 'blocked'));
        }
        if (conversation && conversation.unread > 0) {
            tags.append(h('span', {class: 'unread', 'aria-label': `${conversation.unread} unread`}, String(conversation.unread)));
        }
        const button = h('button', {type: 'button', class: 'contact' + (entry.universal ? ' universal' : ''),
                'data-contact': entry.contact, 'data-key': key, 'data-universal': String(entry.universal),
                'data-presence': presenceState(entry), 'data-blocked': String(blocked), 'aria-current': String(state.current === key),
                'aria-label': `${displayName(entry)}, ${entry.universal ? 'universal user, ' : ''}${presenceText(entry)}`},
            h('span', {class: 'dot', 'data-state': presenceState(entry), 'aria-hidden': 'true'}),
            h('span', {class: 'name'}, displayName(entry)),
            tags,
            h('span', {class: 'address'}, entry.contact));
        return h('li', {}, button);
    }));
    $('#contacts-empty').hidden = entries.length > 0;
}

export function renderPending() {
    const list = $('#pending-list');
    list.replaceChildren(...state.pending.map(p => {
        const approve = h('button', {type: 'button', class: 'primary', 'data-approve': p.from}, 'Accept');
        const deny = h('button', {type: 'button', class: 'ghost', 'data-deny': p.from}, 'Decline');
        const block = h('button', {type: 'button', class: 'ghost danger', 'data-block': p.from,
            title: 'Block: nothing from this address reaches you any more, and they are not told'}, 'Block');
        return h('li', {'data-from': p.from},
            h('strong', {}, p.from), ' wants to see your presence.',
            p.message ? h('div', {class: 'hint'}, `“${p.message}”`) : '',
            h('div', {class: 'actions'}, approve, deny, block));
    }));
    $('#pending-section').hidden = state.pending.length === 0;
}

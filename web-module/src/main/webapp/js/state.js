// The page's shared state, held in one object that the other modules read and change, and how addresses are
// keyed: a user of this ISP is one contact under both their local and their universal address.

import {bare} from './xmpp.js';

/** Everything the page knows, changed by the modules that own each part (see each module's comment). */
export const state = {
    server: {isp: '', universalDomain: ''},
    user: null,
    password: null,
    device: null,
    deviceType: 'PC',
    account: null,
    local: null,
    xmpp: null,
    roster: new Map(),
    pending: [],
    conversations: new Map(),
    byMessageId: new Map(),
    openChats: [],
    current: null,
    alerts: [],
    blocks: [],
    privacy: null,
    policy: null,
    myState: 'READY',
    loggingOut: false,
    reconnectDelay: 1000
};

export function domainOf(address) {
    return address.slice(address.indexOf('@') + 1);
}

/** One key per person: a user of this ISP has the same key under its local and its universal address. */
export function keyOf(address) {
    if (!address) {
        return '';
    }
    const a = bare(address);
    if (state.server.universalDomain && domainOf(a) === state.server.universalDomain) {
        return a.slice(0, a.indexOf('@') + 1) + state.server.isp;
    }
    return a;
}

/** The name the user gave the contact, else the local part of the address. */
export function displayName(entry) {
    return entry.name || entry.contact.slice(0, entry.contact.indexOf('@'));
}

/** The ISP behind a domain: a universal domain without its marker (-u after the first label). */
function ispOf(domain) {
    const dot = domain.indexOf('.');
    const first = dot < 0 ? domain : domain.slice(0, dot);
    return first.endsWith('-u') ? first.slice(0, -2) + (dot < 0 ? '' : domain.slice(dot)) : domain;
}

/** One key per person across ISPs: the local part and the ISP (a universal domain without its marker). */
function personOf(address) {
    const key = keyOf(address);
    return key.slice(0, key.indexOf('@') + 1) + ispOf(domainOf(key));
}

/** Whether the user blocks this address, by itself or by its domain (either of a user's two addresses). */
export function isBlocked(address) {
    if (!address) {
        return false;
    }
    const person = personOf(address);
    const isp = ispOf(domainOf(keyOf(address)));
    return state.blocks.some(b => b.domain ? ispOf(b.address) === isp : personOf(b.address) === person);
}

// Conversations: open chats and their tabs, history, messages out (over the Local IM protocol, or over XMPP in a
// universal chat), messages in from either connection, and the receipts that follow a message (R9, R10).

import {state, keyOf, displayName} from './state.js';
import {renderRoster} from './contacts.js';
import {renderDetails} from './details.js';
import {showView} from './views.js';
import {parseXml, readMessage} from './xmpp.js';
import {explain, reasonText, failureText} from './errors.js';
import {h, $, showError, clearError, toast, formatTime} from './ui.js';
import * as signals from './signals.js';

const HISTORY_PAGE = 30;

function conversation(key) {
    let c = state.conversations.get(key);
    if (!c) {
        c = {messages: [], loaded: false, complete: false, unread: 0};
        state.conversations.set(key, c);
    }
    return c;
}

/** The contact's address to write to, and whether the chat is universal (both users universal: XMPP). */
export function route(key) {
    const entry = state.roster.get(key);
    const address = entry ? entry.contact : key;
    const universal = Boolean(state.account.universal && entry && entry.universal);
    return {address, universal, viaXmpp: universal && state.xmpp !== null && state.xmpp.isOnline};
}

export function openChat(key) {
    if (state.current !== key) {
        signals.left();
    }
    if (!state.openChats.includes(key)) {
        state.openChats.push(key);
    }
    state.current = key;
    conversation(key).unread = 0;
    showView('chats');
    renderTabs();
    renderRoster();
    renderChat();
    renderDetails();
    if (!conversation(key).loaded) {
        loadHistory(key, false);
    }
    markDisplayed(key);
    $('#composer-text').focus();
}

/** Whether the conversation is in front of the user: open, its view shown, the page visible. */
function inView(key) {
    return state.current === key && !$('#view-chats').hidden && document.visibilityState === 'visible';
}

/**
 * Tells the contact that the newest message they sent here was displayed (XEP-0333), once, when the conversation is in
 * front of the user (at once, or when the user opens it or comes back to the page).
 */
export function markDisplayed(key = state.current) {
    if (key === null || !inView(key)) {
        return;
    }
    const c = conversation(key);
    const newest = [...c.messages].reverse().find(m => !m.outgoing && m.markId);
    if (newest && c.markedId !== newest.markId) {
        c.markedId = newest.markId;
        signals.displayed(route(key), newest.markId);
    }
}

/** The user typed in the composer. */
export function composerChanged() {
    if (state.current !== null) {
        signals.typed(state.current, route(state.current), $('#composer-text').value);
    }
}

export function closeChat(key) {
    if (key === null || key === undefined) {
        return;
    }
    if (state.current === key) {
        signals.left();
    }
    state.openChats = state.openChats.filter(k => k !== key);
    if (state.current === key) {
        state.current = state.openChats.length > 0 ? state.openChats[state.openChats.length - 1] : null;
    }
    renderTabs();
    renderChat();
    renderRoster();
    renderDetails();
}

function renderTabs() {
    const tabs = $('#chat-tabs');
    tabs.replaceChildren(...state.openChats.map(key => {
        const entry = state.roster.get(key);
        const c = conversation(key);
        const label = (entry ? displayName(entry) : key) + (c.unread ? ` (${c.unread})` : '');
        const tab = h('button', {type: 'button', role: 'tab', 'aria-selected': String(key === state.current),
            class: entry && entry.universal ? 'universal' : '', 'data-chat': key}, label);
        tab.addEventListener('click', () => openChat(key));
        return tab;
    }));
}

export function renderChatHeader() {
    if (!state.current) {
        return;
    }
    const entry = state.roster.get(state.current);
    const r = route(state.current);
    $('#chat-title').textContent = entry ? displayName(entry) : state.current;
    const transport = $('#chat-transport');
    transport.className = 'chat-transport' + (r.universal ? ' universal' : '');
    transport.dataset.transport = r.viaXmpp ? 'xmpp' : 'local';
    transport.textContent = r.universal
        ? (r.viaXmpp ? 'Universal chat: your messages go over XMPP to the Universal IM server.'
            : 'Universal chat: the Universal IM server is not connected, so messages go through the Local IM server.')
        : 'Local chat: messages go over the Local IM protocol.';
}

function renderChat() {
    const key = state.current;
    $('#chat').hidden = key === null;
    $('#chat-placeholder').hidden = key !== null;
    if (key === null) {
        return;
    }
    renderChatHeader();
    const c = conversation(key);
    $('#load-older').hidden = !c.loaded || c.complete;
    const list = $('#message-list');
    list.replaceChildren(...c.messages.map(renderMessage));
    if (c.loaded && c.messages.length === 0) {
        list.append(h('li', {class: 'none'}, 'No messages yet. Say hello!'));
    }
    const box = $('#messages');
    box.scrollTop = box.scrollHeight;
}

const STATUS_TEXT = {
    sending: () => 'Sending…',
    accepted: () => 'Sent',
    sent: m => `Sent to their ${m.device || 'device'}`,
    xmpp: () => 'Sent over XMPP',
    delivered: m => m.device ? `Delivered to ${m.device}` : 'Delivered',
    stored: m => 'Stored: delivered when they log on' + (m.reason ? ` (${reasonText(m.reason)})` : ''),
    forwarded: () => 'Passed to their ISP',
    failed: m => 'Not delivered' + (m.reason ? `: ${failureText(m.reason)}` : '')
};

function renderMessage(m) {
    const meta = h('span', {class: 'meta'});
    meta.append(h('time', {datetime: m.sentAt || ''}, formatTime(m.sentAt)));
    if (m.outgoing) {
        meta.append(h('span', {class: 'status'}, (STATUS_TEXT[m.status] || (() => m.status))(m)));
    } else if (m.offline) {
        meta.append(h('span', {class: 'offline'}, 'from offline storage'));
    }
    if (m.via) {
        meta.append(h('span', {class: 'via', title: m.via === 'xmpp' ? 'Carried by XMPP (the Universal IM server)'
                : m.format === 'xml' ? 'Carried by the Local IM server in the universal XML format'
                    : 'Carried by the Local IM protocol'},
            m.via === 'xmpp' ? 'XMPP' : m.format === 'xml' ? 'Local · universal format' : 'Local'));
    }
    if (m.securityLevel > 0) {
        meta.append(h('span', {title: 'Security level'}, `level ${m.securityLevel}`));
    }
    return h('li', {class: 'msg ' + (m.outgoing ? 'out' : 'in'), 'data-status': m.status || '',
            'data-message-id': m.messageId || '', 'data-via': m.via || '', 'data-offline': String(Boolean(m.offline))},
        h('div', {class: 'body'}, m.body || ''), meta);
}

function rememberMessage(key, m, append = true) {
    const c = conversation(key);
    if (m.messageId && state.byMessageId.has(m.messageId)) {
        return state.byMessageId.get(m.messageId);
    }
    if (append) {
        c.messages.push(m);
    } else {
        c.messages.unshift(m);
    }
    if (m.messageId) {
        state.byMessageId.set(m.messageId, m);
    }
    return m;
}

function refreshConversation(key) {
    if (state.current === key && !$('#view-chats').hidden) {
        renderChat();
    } else {
        renderTabs();
        renderRoster();
    }
}

export async function loadHistory(key, older) {
    const c = conversation(key);
    const before = older && c.messages.length > 0 ? c.messages.find(m => m.sentAt)?.sentAt : undefined;
    try {
        const fields = {contact: route(key).address, limit: HISTORY_PAGE};
        if (before) {
            fields.before = before;
        }
        const result = await state.local.request('history.get', fields);
        const items = result.messages;
        for (const item of items) { // newest first: each older one goes in front
            if (state.byMessageId.has(item.messageId)) {
                continue;
            }
            const message = {messageId: item.messageId, outgoing: item.outgoing, body: item.body, sentAt: item.sentAt,
                status: item.outgoing ? item.status : 'delivered', format: item.format, securityLevel: item.securityLevel};
            if (older || c.messages.length === 0) {
                rememberMessage(key, message, false);
            } else {
                insertInOrder(c, message);
            }
        }
        c.loaded = true;
        c.complete = items.length < HISTORY_PAGE;
        if (state.current === key) {
            renderChat();
        }
    } catch (error) {
        showError('#composer-error', explain(error));
    }
}

function insertInOrder(c, message) {
    let i = c.messages.length;
    while (i > 0 && c.messages[i - 1].sentAt && message.sentAt && c.messages[i - 1].sentAt > message.sentAt) {
        i--;
    }
    c.messages.splice(i, 0, message);
    state.byMessageId.set(message.messageId, message);
}

export async function sendMessage(e) {
    e.preventDefault();
    clearError('#composer-error');
    const key = state.current;
    const body = $('#composer-text').value;
    if (!key || body.trim() === '') {
        return;
    }
    const level = Number($('#composer-level').value);
    const r = route(key);
    $('#composer-text').value = '';
    signals.sent(key); // the message carries 'active' (XEP-0085 section 5.1)
    const m = rememberMessage(key, {outgoing: true, body, sentAt: new Date().toISOString(), status: 'sending',
        via: r.viaXmpp ? 'xmpp' : 'local', format: r.universal ? 'xml' : 'json', securityLevel: level});
    refreshConversation(key);
    if (r.viaXmpp) {
        m.stanzaId = state.xmpp.message(r.address, body, level);
        m.status = 'xmpp';
        refreshConversation(key);
        // XMPP does not answer a sent message: the server's id and status come from the history
        setTimeout(() => reconcile(key), 1200);
        return;
    }
    try {
        const result = await state.local.request('message.send', {to: r.address, body, securityLevel: level, chatState: 'active',
            markable: true});
        m.messageId = result.messageId;
        state.byMessageId.set(result.messageId, m);
        if (!['delivered'].includes(m.status)) {
            m.status = result.status;
        }
        m.device = m.device || result.device;
        m.reason = result.reason;
        applyEarlyReceipt(m);
    } catch (error) {
        m.status = 'failed';
        m.reason = explain(error);
    }
    refreshConversation(key);
}

/** Receipts that came before the answer to message.send, or before the history told an XMPP message's id. */
const earlyReceipts = new Map();

function applyEarlyReceipt(m) {
    const r = earlyReceipts.get(m.messageId);
    if (r) {
        earlyReceipts.delete(m.messageId);
        applyReceipt(m, r);
    }
}

function applyReceipt(m, r) {
    if (m.status === 'delivered' && r.status !== 'delivered' && r.status !== 'failed') {
        return; // a late 'stored' or 'forwarded' does not undo a delivery
    }
    m.status = r.status;
    m.device = r.device || m.device;
    m.reason = r.reason || m.reason;
}

export function receipt(r) {
    const m = state.byMessageId.get(r.messageId);
    if (m) {
        applyReceipt(m, r);
        refreshConversation(keyOf(r.to));
        return;
    }
    earlyReceipts.set(r.messageId, r);
    const key = keyOf(r.to);
    if (state.conversations.has(key) && state.conversations.get(key).messages.some(x => x.via === 'xmpp' && !x.messageId)) {
        reconcile(key);
    }
}

/** Gives messages sent over XMPP the server's id and status, from the conversation's history. */
async function reconcile(key) {
    const c = conversation(key);
    if (!c.messages.some(x => x.via === 'xmpp' && x.outgoing && !x.messageId)) {
        return;
    }
    try {
        const result = await state.local.request('history.get', {contact: route(key).address, limit: HISTORY_PAGE});
        const unknown = result.messages.filter(i => i.outgoing && !state.byMessageId.has(i.messageId)).reverse();
        for (const item of unknown) {
            const m = c.messages.find(x => x.via === 'xmpp' && x.outgoing && !x.messageId && x.body === item.body);
            if (!m) {
                continue;
            }
            m.messageId = item.messageId;
            m.sentAt = item.sentAt;
            state.byMessageId.set(item.messageId, m);
            m.status = item.status === 'accepted' ? 'xmpp' : item.status;
            applyEarlyReceipt(m);
        }
        refreshConversation(key);
    } catch (error) {
        // the next receipt tries again
    }
}

export function xmppMessageError(detail) {
    const key = keyOf(detail.to);
    const c = conversation(key);
    const m = detail.id ? c.messages.find(x => x.outgoing && (x.stanzaId === detail.id || x.messageId === detail.id)) : null;
    if (m) {
        m.status = 'failed';
        m.reason = explain({code: detail.code, message: detail.message});
        refreshConversation(key);
    } else if (!detail.quiet) {
        toast(explain({code: detail.code, message: detail.message}), 'error');
    }
}

export function receiveLocal(frame) {
    let body = frame.body;
    let securityLevel = frame.securityLevel || 0;
    let replaces = null;
    if (frame.format === 'xml' && frame.xml) {
        const element = parseXml(frame.xml);
        if (element) {
            const parsed = readMessage(element);
            body = parsed.body;
            securityLevel = parsed.securityLevel;
            replaces = parsed.replaces;
        }
    }
    if (frame.error) {
        // the contact's client could not take a message of ours (RFC 6120 8.3): the one with that id failed
        xmppMessageError({id: frame.clientId, to: frame.from, code: frame.error, quiet: true});
    } else {
        if (frame.chatState || frame.marker) {
            signal(frame);
        }
        const senderId = frame.clientId || frame.messageId;
        if (body && !(replaces && corrected(frame.from, replaces, body, senderId))) {
            receive(frame.from, {messageId: frame.messageId, outgoing: false, body, sentAt: frame.sentAt, status: 'delivered',
                via: 'local', format: frame.format, offline: frame.offline, securityLevel, senderId,
                markId: frame.markable ? senderId : null});
        }
    }
    state.local.acknowledge(frame.messageId);
}

/**
 * A correction (XEP-0308) of the contact's message {@code replaces} (the sender's id for it): its text is replaced, and it
 * takes the correction's id, as a later correction refers to the first message's id or to this one. False when the
 * message is not shown here (the correction is then shown as a message).
 */
function corrected(from, replaces, body, senderId) {
    const key = keyOf(from);
    const c = conversation(key);
    const m = [...c.messages].reverse().find(x => !x.outgoing && (x.senderId === replaces
        || (x.correctionIds || []).includes(replaces)));
    if (!m) {
        return false;
    }
    m.body = body;
    m.corrected = true;
    m.correctionIds = [...(m.correctionIds || []), senderId];
    refreshConversation(key);
    return true;
}

/** A chat state or read mark that came over XMPP (XEP-0085, XEP-0333, XEP-0184). */
export function signalXmpp(message) {
    if (message.from.includes('@')) {
        signal(message);
    }
}

/** What a contact's device tells beside messages, shown under the title: typing (XEP-0085), read (XEP-0333). */
function signal(frame) {
    const text = frame.chatState === 'composing' ? 'typing…'
        : frame.marker === 'displayed' || frame.marker === 'acknowledged' ? 'read' : '';
    if (state.current === keyOf(frame.from)) {
        $('#chat-signal').textContent = text;
    }
}

export function receiveXmpp(message) {
    if (!message.from.includes('@')) {
        return; // the server's own messages (e.g. an availability alert): the Local IM server tells those
    }
    if (message.replaces && corrected(message.from, message.replaces, message.body, message.id)) {
        return;
    }
    receive(message.from, {messageId: message.id, outgoing: false, body: message.body,
        sentAt: message.delayedSince || new Date().toISOString(), status: 'delivered', via: 'xmpp', format: 'xml',
        offline: Boolean(message.delayedSince), securityLevel: message.securityLevel, senderId: message.id,
        markId: message.markable ? message.id : null});
}

function receive(from, message) {
    const key = keyOf(from);
    const c = conversation(key);
    if (message.messageId && state.byMessageId.has(message.messageId)) {
        return;
    }
    rememberMessage(key, message);
    if (!state.openChats.includes(key)) {
        state.openChats.push(key); // someone not on the roster can still be answered
    }
    if (state.current !== key || $('#view-chats').hidden) {
        c.unread++;
        const entry = state.roster.get(key);
        toast(`${entry ? displayName(entry) : from}: ${message.body.length > 60 ? message.body.slice(0, 60) + '…' : message.body}`);
    }
    refreshConversation(key);
    markDisplayed(key);
}

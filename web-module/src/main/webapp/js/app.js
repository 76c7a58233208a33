// The bimodal web client (R10). The Local IM protocol (/ws/local) carries the log-in as a device, the roster
// built from both servers, presence, subscriptions, history, receipts, availability and alerts, and chat with
// local-only contacts. A universal user's page also logs on to the Universal IM server over XMPP
// (/xmpp-websocket) and sends chat with universal contacts there. See docs/web-client.md.

import {LocalConnection} from './local.js';
import {XmppConnection, bare, parseXml, readMessage} from './xmpp.js';
import {explain, reasonText} from './errors.js';
import {renderAvailability} from './chart.js';
import {h, $, show, hide, showError, clearError, toast, formatTime, STATE_LABELS} from './ui.js';

/** The XMPP resource of this page is its device name with this suffix: a second device of the user (R10). */
const XMPP_SUFFIX = '-xmpp';
/** The XMPP resource announces a negative priority, so the user's own delivery order keeps deciding. */
const XMPP_PRIORITY = -1;
const HISTORY_PAGE = 30;

const state = {
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
    myState: 'READY',
    loggingOut: false,
    reconnectDelay: 1000
};

// --- addresses

function domainOf(address) {
    return address.slice(address.indexOf('@') + 1);
}

/** One key per person: a user of this ISP has the same key under its local and its universal address. */
function keyOf(address) {
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
function displayName(entry) {
    return entry.name || entry.contact.slice(0, entry.contact.indexOf('@'));
}

// --- start

async function start() {
    try {
        const ready = await fetch('health/ready').then(r => r.json());
        const db = (ready.checks || []).find(c => c.name === 'database');
        if (db && db.data) {
            state.server.isp = db.data.isp;
            state.server.universalDomain = db.data.universalDomain;
            $('#isp-domain').textContent = db.data.isp;
        }
    } catch (e) {
        $('#isp-domain').textContent = '(server not reachable)';
    }
    $('#reg-time-zone').value = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    wireForms();
}

function wireForms() {
    for (const tab of ['login', 'register']) {
        $(`#tab-${tab}`).addEventListener('click', () => {
            for (const other of ['login', 'register']) {
                $(`#tab-${other}`).setAttribute('aria-selected', String(other === tab));
                $(`#${other}-form`).hidden = other !== tab;
            }
        });
    }
    $('#login-form').addEventListener('submit', async e => {
        e.preventDefault();
        clearError('#login-error');
        const user = $('#login-user').value.trim();
        const password = $('#login-password').value;
        const device = $('#login-device').value.trim() || 'browser';
        if (!user || !password) {
            showError('#login-error', 'Enter your user name and password.');
            return;
        }
        await logIn(user, password, device, $('#login-device-type').value, '#login-error', '#login-submit');
    });
    $('#register-form').addEventListener('submit', async e => {
        e.preventDefault();
        clearError('#register-error');
        const body = {
            userName: $('#reg-user').value.trim(), password: $('#reg-password').value, fullName: $('#reg-full-name').value.trim(),
            screenName: $('#reg-screen-name').value.trim(), email: $('#reg-email').value.trim(),
            postalAddress: $('#reg-address').value.trim(), billingReference: $('#reg-billing').value.trim(),
            timeZone: $('#reg-time-zone').value.trim(), universal: $('#reg-universal').checked
        };
        const button = $('#register-submit');
        button.disabled = true;
        try {
            const answer = await fetch('api/v1/registrations', {method: 'POST', credentials: 'omit',
                headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});
            const json = await answer.json().catch(() => ({}));
            if (answer.status !== 201) {
                showError('#register-error', explain(json));
                return;
            }
            toast(`Welcome, ${json.attributes.screenName || json.userName}! Your address is `
                + (json.universal ? `${json.universalAddress} (universal)` : json.localAddress) + '.');
            await logIn(json.userName, body.password, $('#login-device').value.trim() || 'browser',
                $('#login-device-type').value, '#register-error', '#register-submit');
        } catch (error) {
            showError('#register-error', explain({code: 'disconnected'}));
        } finally {
            button.disabled = false;
        }
    });
    $('#logout').addEventListener('click', logOut);
    $('#my-state').addEventListener('change', e => setMyState(e.target.value));
    $('#add-contact-form').addEventListener('submit', addContact);
    $('#composer').addEventListener('submit', sendMessage);
    $('#composer-text').addEventListener('keydown', e => {
        if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            $('#composer').requestSubmit();
        }
    });
    $('#chat-close').addEventListener('click', () => closeChat(state.current));
    $('#load-older').addEventListener('click', () => loadHistory(state.current, true));
    $('#alert-form').addEventListener('submit', setAlert);
    $('#connect-check').addEventListener('click', connectCheck);
    $('#remove-contact').addEventListener('click', removeContact);
    $('#upgrade').addEventListener('click', upgrade);
    for (const tab of document.querySelectorAll('.views [role="tab"]')) {
        tab.addEventListener('click', () => showView(tab.dataset.view));
    }
    import('./devices.js').then(m => m.wire(api));
    // the forms work once their handlers are here: never a plain form submission with the password in it
    $('#login-submit').disabled = false;
    $('#register-submit').disabled = false;
}

// --- log-in and connections

function socketUrl(path) {
    return (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + path;
}

async function logIn(user, password, device, deviceType, errorTarget, button) {
    $(button).disabled = true;
    setConnection('#conn-local', 'connecting', '');
    const local = new LocalConnection(socketUrl('/ws/local'));
    try {
        await local.open();
        const result = await local.request('login', {user, password, device, deviceType, state: state.myState});
        state.local = local;
        state.user = result.account.userName;
        state.password = password;
        state.device = result.device;
        state.deviceType = deviceType;
        state.account = result.account;
        state.loggingOut = false;
        state.reconnectDelay = 1000;
        listen(local);
        enterApp(result);
        if (result.account.universal) {
            connectXmpp();
        } else {
            setConnection('#conn-xmpp', 'unused', 'not used: local-only account');
        }
    } catch (error) {
        local.close();
        setConnection('#conn-local', 'off', '');
        showError(errorTarget, explain(error));
    } finally {
        $(button).disabled = false;
    }
}

function listen(local) {
    local.addEventListener('message', e => receiveLocal(e.detail));
    local.addEventListener('presence', e => updatePresence(e.detail.presence));
    local.addEventListener('roster.push', e => rosterPush(e.detail));
    local.addEventListener('subscription.request', e => {
        state.pending = state.pending.filter(p => keyOf(p.from) !== keyOf(e.detail.from));
        state.pending.push({from: e.detail.from, message: e.detail.message});
        renderPending();
        toast(`${e.detail.from} asks to see your presence.`);
    });
    local.addEventListener('subscription.answer', e => {
        const entry = state.roster.get(keyOf(e.detail.contact));
        const who = entry ? displayName(entry) : e.detail.contact;
        toast(e.detail.approved ? `${who} accepted: you can now see their presence.` : `${who} declined your request.`);
    });
    local.addEventListener('receipt', e => receipt(e.detail));
    local.addEventListener('alert.fired', e => alertFired(e.detail));
    local.addEventListener('close', e => localClosed(e.detail));
}

function enterApp(result) {
    hide('#welcome');
    show('#app');
    show('#connections');
    show('#me');
    setConnection('#conn-local', 'connected', `as ${result.device}`);
    $('#me-name').textContent = state.account.universal ? state.account.universalAddress : state.account.localAddress;
    $('#my-state').value = state.myState;
    state.roster.clear();
    for (const entry of result.roster) {
        state.roster.set(keyOf(entry.contact), entry);
    }
    state.pending = result.pending || [];
    renderRoster();
    renderPending();
    renderAccount();
    refreshAlerts();
}

async function connectXmpp() {
    if (state.xmpp) {
        state.xmpp.close();
    }
    const xmpp = new XmppConnection(socketUrl('/xmpp-websocket'), state.server.universalDomain);
    state.xmpp = xmpp;
    setConnection('#conn-xmpp', 'connecting', '');
    xmpp.addEventListener('message', e => receiveXmpp(e.detail));
    xmpp.addEventListener('message-error', e => xmppMessageError(e.detail));
    xmpp.addEventListener('close', e => {
        if (state.xmpp === xmpp) {
            setConnection('#conn-xmpp', state.loggingOut ? 'off' : 'failed', e.detail.reason || 'disconnected');
            state.xmpp = null;
            renderChatHeader();
            // back after a while, as long as the Local IM server still has this page (a second log-in of this
            // device elsewhere ends both connections, and then nothing is retried)
            if (!state.loggingOut && e.detail.wasOnline) {
                setTimeout(() => {
                    if (!state.loggingOut && state.xmpp === null && state.local && state.local.isOpen && state.account.universal) {
                        connectXmpp();
                    }
                }, 5000);
            }
        }
    });
    try {
        const jid = await xmpp.connect(state.user, state.password, state.device + XMPP_SUFFIX);
        xmpp.presence(state.myState, null, XMPP_PRIORITY);
        setConnection('#conn-xmpp', 'connected', jid);
        $('#conn-xmpp').dataset.jid = jid;
        renderChatHeader();
    } catch (error) {
        setConnection('#conn-xmpp', 'failed', error.message);
    }
}

function setConnection(selector, connState, detail) {
    const node = $(selector);
    node.dataset.state = connState;
    node.querySelector('.conn-detail').textContent = detail ? `— ${detail}` : '';
}

function localClosed(detail) {
    setConnection('#conn-local', 'off', 'disconnected');
    if (state.loggingOut) {
        return;
    }
    const reason = detail.reason || '';
    if (/replaced/.test(reason)) {
        banner('You logged in as this device somewhere else, so this page was disconnected.');
        state.xmpp && state.xmpp.close();
        return;
    }
    if (/disabled|password changed/.test(reason)) {
        banner(`You were logged off: ${reason}. Contact your ISP if you did not expect this.`);
        state.xmpp && state.xmpp.close();
        return;
    }
    banner('The connection to the Local IM server was lost. Reconnecting…');
    setTimeout(reconnect, state.reconnectDelay);
    state.reconnectDelay = Math.min(state.reconnectDelay * 2, 30000);
}

async function reconnect() {
    if (state.loggingOut || (state.local && state.local.isOpen)) {
        return;
    }
    const local = new LocalConnection(socketUrl('/ws/local'));
    try {
        await local.open();
        const result = await local.request('login', {user: state.user, password: state.password, device: state.device,
            deviceType: state.deviceType, state: state.myState});
        state.local = local;
        state.account = result.account;
        state.reconnectDelay = 1000;
        listen(local);
        enterApp(result);
        hide('#banner');
        if (state.account.universal && !(state.xmpp && state.xmpp.isOnline)) {
            connectXmpp();
        }
    } catch (error) {
        local.close();
        if (error.code === 'authentication_failed') {
            banner('You were logged off and your password is no longer accepted. Please log in again.');
            return;
        }
        setTimeout(reconnect, state.reconnectDelay);
        state.reconnectDelay = Math.min(state.reconnectDelay * 2, 30000);
    }
}

function banner(text) {
    const node = $('#banner');
    node.textContent = text;
    node.hidden = false;
}

async function logOut() {
    state.loggingOut = true;
    try {
        await state.local.request('logout');
    } catch (e) {
        // closed anyway
    }
    state.local.close();
    if (state.xmpp) {
        state.xmpp.close();
    }
    location.reload();
}

async function setMyState(value) {
    state.myState = value;
    try {
        await state.local.request('presence.set', {state: value});
        if (state.xmpp && state.xmpp.isOnline) {
            state.xmpp.presence(value, null, XMPP_PRIORITY);
        }
        toast(`You are now shown as ${STATE_LABELS[value].toLowerCase()} on ${state.device}.`);
    } catch (error) {
        toast(explain(error), 'error');
    }
}

// --- roster, presence, subscriptions (R5, R6)

function rosterPush(push) {
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

function updatePresence(presence) {
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

function presenceState(entry) {
    return entry.presence ? entry.presence.aggregate : 'UNKNOWN';
}

function presenceText(entry) {
    if (!entry.presence) {
        return entry.asking ? 'Waiting for them to accept your request' : 'You cannot see their presence';
    }
    const label = STATE_LABELS[entry.presence.aggregate] || entry.presence.aggregate;
    return entry.presence.statusText ? `${label} — ${entry.presence.statusText}` : label;
}

function renderRoster() {
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
        if (conversation && conversation.unread > 0) {
            tags.append(h('span', {class: 'unread', 'aria-label': `${conversation.unread} unread`}, String(conversation.unread)));
        }
        const button = h('button', {type: 'button', class: 'contact' + (entry.universal ? ' universal' : ''),
                'data-contact': entry.contact, 'data-key': key, 'data-universal': String(entry.universal),
                'data-presence': presenceState(entry), 'aria-current': String(state.current === key),
                'aria-label': `${displayName(entry)}, ${entry.universal ? 'universal user, ' : ''}${presenceText(entry)}`},
            h('span', {class: 'dot', 'data-state': presenceState(entry), 'aria-hidden': 'true'}),
            h('span', {class: 'name'}, displayName(entry)),
            tags,
            h('span', {class: 'address'}, entry.contact));
        button.addEventListener('click', () => openChat(key));
        return h('li', {}, button);
    }));
    $('#contacts-empty').hidden = entries.length > 0;
}

function renderPending() {
    const list = $('#pending-list');
    list.replaceChildren(...state.pending.map(p => {
        const approve = h('button', {type: 'button', class: 'primary', 'data-approve': p.from}, 'Accept');
        const deny = h('button', {type: 'button', class: 'ghost', 'data-deny': p.from}, 'Decline');
        approve.addEventListener('click', () => answerRequest(p.from, true));
        deny.addEventListener('click', () => answerRequest(p.from, false));
        return h('li', {'data-from': p.from},
            h('strong', {}, p.from), ' wants to see your presence.',
            p.message ? h('div', {class: 'hint'}, `“${p.message}”`) : '',
            h('div', {class: 'actions'}, approve, deny));
    }));
    $('#pending-section').hidden = state.pending.length === 0;
}

async function answerRequest(from, approve) {
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

async function addContact(e) {
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

async function removeContact() {
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

// --- conversations

function conversation(key) {
    let c = state.conversations.get(key);
    if (!c) {
        c = {messages: [], loaded: false, complete: false, unread: 0};
        state.conversations.set(key, c);
    }
    return c;
}

/** The contact's address to write to, and whether the chat is universal (both users universal: XMPP). */
function route(key) {
    const entry = state.roster.get(key);
    const address = entry ? entry.contact : key;
    const universal = Boolean(state.account.universal && entry && entry.universal);
    return {address, universal, viaXmpp: universal && state.xmpp !== null && state.xmpp.isOnline};
}

function showView(view) {
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

function openChat(key) {
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
    $('#composer-text').focus();
}

function closeChat(key) {
    if (key === null || key === undefined) {
        return;
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

function renderChatHeader() {
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
    failed: m => 'Not delivered' + (m.reason ? `: ${m.reason}` : '')
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

async function loadHistory(key, older) {
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

async function sendMessage(e) {
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
        const result = await state.local.request('message.send', {to: r.address, body, securityLevel: level});
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

function receipt(r) {
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

function xmppMessageError(detail) {
    const key = keyOf(detail.to);
    const c = conversation(key);
    const m = c.messages.find(x => x.stanzaId === detail.id);
    if (m) {
        m.status = 'failed';
        m.reason = explain({code: detail.code, message: detail.message});
        refreshConversation(key);
    } else {
        toast(explain({code: detail.code, message: detail.message}), 'error');
    }
}

function receiveLocal(frame) {
    let body = frame.body;
    let securityLevel = frame.securityLevel || 0;
    if (frame.format === 'xml' && frame.xml) {
        const element = parseXml(frame.xml);
        if (element) {
            const parsed = readMessage(element);
            body = parsed.body;
            securityLevel = parsed.securityLevel;
        }
    }
    receive(frame.from, {messageId: frame.messageId, outgoing: false, body, sentAt: frame.sentAt, status: 'delivered',
        via: 'local', format: frame.format, offline: frame.offline, securityLevel});
    state.local.acknowledge(frame.messageId);
}

function receiveXmpp(message) {
    if (!message.from.includes('@')) {
        return; // the server's own messages (e.g. an availability alert): the Local IM server tells those
    }
    receive(message.from, {messageId: message.id, outgoing: false, body: message.body,
        sentAt: message.delayedSince || new Date().toISOString(), status: 'delivered', via: 'xmpp', format: 'xml',
        offline: Boolean(message.delayedSince), securityLevel: message.securityLevel});
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
}

// --- details: presence per device, availability (R7), alerts

function renderDetails() {
    const key = state.current;
    const entry = key ? state.roster.get(key) : null;
    $('#details').hidden = !entry || $('#view-chats').hidden;
    $('#app').classList.toggle('with-details', Boolean(entry) && !$('#view-chats').hidden);
    if (!entry) {
        return;
    }
    clearError('#details-error');
    $('#connect-answer').textContent = '';
    $('#details-title').textContent = displayName(entry);
    $('#details-address').textContent = entry.contact;
    $('#details-kind').replaceChildren(
        entry.universal ? h('span', {class: 'badge universal'}, 'universal user') : h('span', {class: 'badge'}, 'local user'),
        entry.sameIsp ? ' of this ISP' : ` of another ISP (${domainOf(entry.contact)})`);
    const presence = $('#details-presence');
    presence.replaceChildren(h('span', {class: 'dot', 'data-state': presenceState(entry)}), ' ', presenceText(entry));
    const devices = entry.presence ? entry.presence.devices : [];
    $('#details-devices').replaceChildren(...devices.map(d => h('li', {'data-device': d.name, 'data-state': d.state},
        h('span', {class: 'dot', 'data-state': d.state, 'aria-hidden': 'true'}),
        h('span', {}, h('strong', {}, d.name), ` ${STATE_LABELS[d.state] || d.state}`, d.statusText ? ` — ${d.statusText}` : '',
            h('div', {class: 'small'}, `${d.type.toLowerCase().replace('_', ' ')} · ${d.applications.join(', ')}`
                + ` · level ${d.securityLevel}` + (d.fixedAddress && d.endpoint ? ` · fixed address ${d.endpoint}` : ''))))));
    renderAlerts();
    const availability = $('#availability');
    if (!entry.presence) {
        availability.replaceChildren(h('p', {class: 'hint'},
            'You can see when they are usually available once they accept your request.'));
        $('#alert-form').hidden = true;
        return;
    }
    $('#alert-form').hidden = false;
    if (!entry.sameIsp) {
        availability.replaceChildren(h('p', {class: 'hint'},
            'Usual availability is only known for users of this ISP; you can still be alerted when they come online.'));
        return;
    }
    availability.replaceChildren(h('p', {class: 'hint'}, 'Loading…'));
    state.local.request('availability.get', {contact: entry.contact}).then(result => {
        if (state.current === key) {
            renderAvailability(availability, result.availability);
        }
    }).catch(error => {
        if (state.current === key) {
            availability.replaceChildren(h('p', {class: 'hint'}, explain(error)));
        }
    });
}

async function refreshAlerts() {
    try {
        state.alerts = (await state.local.request('alert.list')).alerts;
        renderAlerts();
    } catch (error) {
        // shown when the details open
    }
}

function renderAlerts() {
    const key = state.current;
    const list = $('#alert-list');
    const mine = state.alerts.filter(a => keyOf(a.contact) === key);
    list.replaceChildren(...mine.map(a => {
        const text = a.state === 'FIRED' ? `Alert fired: available since ${formatTime(a.firedAt)}`
            + (a.firedDevice ? ` on ${a.firedDevice}` : '')
            : a.state === 'PENDING' ? `Alert set until ${formatTime(a.until)}` : `Alert ${a.state.toLowerCase()}`;
        const item = h('li', {'data-alert': String(a.id), 'data-state': a.state}, text);
        if (a.state === 'PENDING') {
            const cancel = h('button', {type: 'button', class: 'ghost', 'aria-label': 'Cancel this alert'}, 'Cancel');
            cancel.addEventListener('click', async () => {
                try {
                    await state.local.request('alert.cancel', {alertId: a.id});
                    await refreshAlerts();
                } catch (error) {
                    showError('#details-error', explain(error));
                }
            });
            item.append(' ', cancel);
        }
        return item;
    }));
}

async function setAlert(e) {
    e.preventDefault();
    clearError('#details-error');
    const entry = state.roster.get(state.current);
    const fields = {contact: entry.contact};
    const from = $('#alert-from').value;
    const until = $('#alert-until').value;
    if (from) {
        fields.from = new Date(from).toISOString();
    }
    if (until) {
        fields.until = new Date(until).toISOString();
    }
    try {
        await state.local.request('alert.set', fields);
        toast(`You will be told when ${displayName(entry)} becomes available.`);
        await refreshAlerts();
    } catch (error) {
        showError('#details-error', explain(error));
    }
}

function alertFired(detail) {
    const entry = state.roster.get(keyOf(detail.contact));
    const who = entry ? displayName(entry) : detail.contact;
    toast(`${who} is available now` + (detail.device ? ` (on ${detail.device})` : '') + '.', 'alert', true);
    const known = state.alerts.find(a => a.id === detail.alertId);
    if (known) {
        known.state = 'FIRED';
        known.firedAt = detail.at;
        known.firedDevice = detail.device;
        renderAlerts();
    } else {
        refreshAlerts();
    }
}

async function connectCheck() {
    const entry = state.roster.get(state.current);
    const answer = $('#connect-answer');
    answer.textContent = 'Checking…';
    try {
        const result = (await state.local.request('connect', {contact: entry.contact})).answer;
        if (result.status === 'established') {
            answer.textContent = `Yes: a message would reach their ${result.route.device || 'device'}`
                + (result.route.isp ? ` at ${result.route.isp}` : '') + '.';
        } else if (result.status === 'not_available') {
            answer.textContent = `Not now: ${reasonText(result.reason) || result.explanation}.`
                + ' A message would wait for them; you can set an alert.';
            if (result.availability) {
                renderAvailability($('#availability'), result.availability);
            }
        } else {
            answer.textContent = explain({code: result.code, message: result.explanation});
        }
    } catch (error) {
        answer.textContent = explain(error);
    }
}

// --- account (R1, R9)

function renderAccount() {
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

async function upgrade() {
    clearError('#account-error');
    try {
        const result = await state.local.request('account.upgrade');
        state.account = result.account;
        $('#me-name').textContent = state.account.universalAddress;
        renderAccount();
        toast(`You are now universal: ${state.account.universalAddress}.`);
        connectXmpp();
    } catch (error) {
        showError('#account-error', explain(error));
    }
}

// --- the JSON API, signed in as the user (devices and delivery rules)

async function api(method, path, body) {
    const options = {method, credentials: 'omit', headers: {
        Authorization: 'Basic ' + btoa(unescape(encodeURIComponent(`${state.user}:${state.password}`)))}};
    if (body !== undefined) {
        options.headers['Content-Type'] = 'application/json';
        options.body = JSON.stringify(body);
    }
    const answer = await fetch('api/v1/' + path, options);
    if (answer.status === 204) {
        return null;
    }
    const json = await answer.json().catch(() => ({}));
    if (!answer.ok) {
        const error = new Error(explain(answer.status === 401 ? {code: 'authentication_failed'} : json));
        error.status = answer.status;
        throw error;
    }
    return json;
}

start();

// Log-in and the two connections of the bimodal client (R10): the Local IM protocol for everything, and for a
// universal user XMPP to the Universal IM server; reconnecting, logging out, and this device's state.

import {state, keyOf} from './state.js';
import {LocalConnection} from './local.js';
import {XmppConnection} from './xmpp.js';
import {rosterPush, updatePresence, subscriptionRequested, subscriptionAnswered} from './roster.js';
import {receiveLocal, receiveXmpp, xmppMessageError, signalXmpp, receipt, renderChatHeader} from './conversations.js';
import {alertFired, refreshAlerts} from './details.js';
import {renderRoster, renderPending} from './contacts.js';
import {renderAccount} from './account.js';
import {loadPrivacy} from './privacy.js';
import {explain} from './errors.js';
import {$, show, hide, showError, toast, STATE_LABELS} from './ui.js';

/** The XMPP resource of this page is its device name with this suffix: a second device of the user (R10). */
const XMPP_SUFFIX = '-xmpp';

/** The XMPP resource announces a negative priority, so the user's own delivery order keeps deciding. */
const XMPP_PRIORITY = -1;

function socketUrl(path) {
    return (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + path;
}

export async function logIn(user, password, device, deviceType, errorTarget, button) {
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
    local.addEventListener('subscription.request', e => subscriptionRequested(e.detail));
    local.addEventListener('subscription.answer', e => subscriptionAnswered(e.detail));
    local.addEventListener('receipt', e => receipt(e.detail));
    local.addEventListener('alert.fired', e => alertFired(e.detail));
    // the block list changed on another device or door: show it as it is
    local.addEventListener('block.changed', () => loadPrivacy());
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
    loadPrivacy();
}

/** The user deleted their account from this page: both connections end, the welcome page says so. */
export function accountDeleted() {
    state.loggingOut = true;
    state.local && state.local.close();
    state.xmpp && state.xmpp.close();
    hide('#app');
    hide('#connections');
    hide('#me');
    show('#welcome');
    banner('Your account and its data are deleted.');
}

export async function connectXmpp() {
    if (state.xmpp) {
        state.xmpp.close();
    }
    const xmpp = new XmppConnection(socketUrl('/xmpp-websocket'), state.server.universalDomain);
    state.xmpp = xmpp;
    setConnection('#conn-xmpp', 'connecting', '');
    xmpp.addEventListener('message', e => receiveXmpp(e.detail));
    xmpp.addEventListener('message-error', e => xmppMessageError(e.detail));
    xmpp.addEventListener('signal', e => signalXmpp(e.detail));
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
    if (/disabled|password changed|account deleted/.test(reason)) {
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

export async function logOut() {
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

export async function setMyState(value) {
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

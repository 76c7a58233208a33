// The bimodal web client (R10). The Local IM protocol (/ws/local) carries the log-in as a device, the roster
// built from both servers, presence, subscriptions, history, receipts, availability and alerts, and chat with
// local-only contacts. A universal user's page also logs on to the Universal IM server over XMPP
// (/xmpp-websocket) and sends chat with universal contacts there. See docs/web-client.md.
//
// This module starts the page and wires its forms and buttons; each part lives in its own module:
//   state.js          the shared state and how addresses are keyed
//   connections.js    log-in, the Local IM and XMPP connections, reconnecting, log-out, my state
//   contacts.js       drawing the contact list and the pending requests
//   roster.js         roster and presence changes, subscriptions, adding and removing contacts (R5, R6)
//   conversations.js  chats, history, messages in and out, receipts
//   details.js        the open contact's presence per device, availability (R7), alerts, "can I reach them"
//   account.js        the account (R1), the upgrade to universal (R9), profile, password, export, deletion
//   privacy.js        the block list and what the user accepts from strangers
//   views.js          switching between chats, devices and account
//   api.js            the JSON API as the user (devices.js: devices and delivery rules, R3, R4)

import {state} from './state.js';
import {logIn, logOut, setMyState, connectXmpp, accountDeleted} from './connections.js';
import {addContact, removeContact, answerRequest} from './roster.js';
import {openChat, closeChat, loadHistory, sendMessage, composerChanged, markDisplayed} from './conversations.js';
import {setAlert, connectCheck} from './details.js';
import {upgrade, saveProfile, changePassword, exportData, invite, deleteAccount} from './account.js';
import {block, unblock, toggleCurrentContact, setStrangers, addBlock} from './privacy.js';
import {showView} from './views.js';
import {api} from './api.js';
import {explain} from './errors.js';
import {$, showError, clearError, toast} from './ui.js';

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
    await showRegistrationPolicy();
    wireForms();
}

/** The ISP's registration policy on the page; an invitation link (?preauth=...) opens the registration with its code. */
async function showRegistrationPolicy() {
    const preauth = new URLSearchParams(location.search).get('preauth');
    try {
        state.policy = await fetch('api/v1/registrations/policy', {credentials: 'omit'}).then(r => r.json());
    } catch (e) {
        state.policy = {policy: 'open', invitationsByUsers: false};
    }
    $('#reg-invitation-box').hidden = state.policy.policy !== 'invite' && !preauth;
    $('#reg-closed').hidden = state.policy.policy !== 'closed';
    if (preauth) {
        $('#reg-invitation').value = preauth;
        $('#tab-register').click();
    }
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
            timeZone: $('#reg-time-zone').value.trim(), universal: $('#reg-universal').checked,
            invitation: $('#reg-invitation').value.trim() || null
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
    // typing notifications (XEP-0085) as the user types, read marks (XEP-0333) when the page comes back into view
    $('#composer-text').addEventListener('input', composerChanged);
    document.addEventListener('visibilitychange', () => markDisplayed());
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
    $('#block-contact').addEventListener('click', toggleCurrentContact);
    $('#strangers').addEventListener('change', e => setStrangers(e.target.value));
    $('#block-form').addEventListener('submit', addBlock);
    $('#block-list').addEventListener('click', e => {
        const button = e.target.closest('button[data-unblock]');
        if (button) {
            unblock(button.dataset.unblock);
        }
    });
    $('#profile-form').addEventListener('submit', saveProfile);
    $('#password-form').addEventListener('submit', async e => {
        if (await changePassword(e) && state.account.universal) {
            connectXmpp();
        }
    });
    $('#export').addEventListener('click', exportData);
    $('#invite').addEventListener('click', invite);
    $('#delete-form').addEventListener('submit', async e => {
        if (await deleteAccount(e)) {
            accountDeleted();
        }
    });
    $('#upgrade').addEventListener('click', async () => {
        if (await upgrade()) {
            connectXmpp();
        }
    });
    // the contact list and the requests are redrawn often: one listener each, on the list
    $('#contact-list').addEventListener('click', e => {
        const contact = e.target.closest('button.contact');
        if (contact) {
            openChat(contact.dataset.key);
        }
    });
    $('#pending-list').addEventListener('click', e => {
        const blocking = e.target.closest('button[data-block]');
        if (blocking) {
            block(blocking.dataset.block);
            return;
        }
        const button = e.target.closest('button[data-approve], button[data-deny]');
        if (button) {
            answerRequest(button.dataset.approve || button.dataset.deny, button.dataset.approve !== undefined);
        }
    });
    for (const tab of document.querySelectorAll('.views [role="tab"]')) {
        tab.addEventListener('click', () => showView(tab.dataset.view));
    }
    import('./devices.js').then(m => m.wire(api));
    // the forms work once their handlers are here: never a plain form submission with the password in it
    $('#login-submit').disabled = false;
    $('#register-submit').disabled = false;
}

start();

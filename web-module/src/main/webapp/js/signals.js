// What the user's typing and reading tell the contact, as Converse.js does: XEP-0085 chat states ('composing' once when
// the user starts typing, 'paused' after PAUSE_AFTER_MS without a key, 'active' with the message sent or when the text is
// cleared, 'paused' when the user turns to another conversation) and XEP-0333 'displayed' for the newest message of the
// contact shown while its conversation is open and the page visible. Over XMPP in a universal chat with XMPP connected
// (the same path as the messages), else over the Local IM protocol's chatState and marker fields.

import {state} from './state.js';

export const PAUSE_AFTER_MS = 5000;

/** The conversation typed in and what it was last told. */
const typing = {key: null, address: null, viaXmpp: false, chatState: 'active', timer: null};

function send(to, viaXmpp, fields) {
    if (viaXmpp && state.xmpp && state.xmpp.isOnline) {
        state.xmpp.signal(to, fields);
        return;
    }
    if (state.local) {
        state.local.request('message.send', {to, ...fields}).catch(() => {
            // a typing notice or read mark that did not go is not worth an error
        });
    }
}

function tell(chatState) {
    typing.chatState = chatState;
    send(typing.address, typing.viaXmpp, {chatState});
}

function stopTimer() {
    if (typing.timer !== null) {
        clearTimeout(typing.timer);
        typing.timer = null;
    }
}

/** The composer's text changed in the conversation {@code key} (with its route). */
export function typed(key, route, text) {
    if (typing.key !== key) {
        left();
        Object.assign(typing, {key, address: route.address, viaXmpp: route.viaXmpp, chatState: 'active'});
    }
    stopTimer();
    if (text.trim() === '') {
        if (typing.chatState !== 'active') {
            tell('active');
        }
        return;
    }
    if (typing.chatState !== 'composing') {
        tell('composing');
    }
    typing.timer = setTimeout(() => {
        typing.timer = null;
        if (typing.chatState === 'composing') {
            tell('paused');
        }
    }, PAUSE_AFTER_MS);
}

/** A message went out in {@code key}: it carried 'active' itself. */
export function sent(key) {
    if (typing.key === key) {
        stopTimer();
        typing.chatState = 'active';
    }
}

/** The user turned away from the conversation typed in (another chat, closed it, logged out). */
export function left() {
    stopTimer();
    if (typing.key !== null && typing.chatState === 'composing') {
        tell('paused');
    }
    typing.key = null;
    typing.chatState = 'active';
}

/** Marks the contact's message {@code id} (its sender's id) displayed (XEP-0333). */
export function displayed(route, id) {
    send(route.address, route.viaXmpp, {marker: 'displayed', markerFor: id});
}

// A small XMPP-over-WebSocket client (RFC 7395) for the Universal IM server: stream, SASL (SCRAM-SHA-256
// through WebCrypto, PLAIN where WebCrypto is unavailable), resource binding, presence, chat messages with
// the universal message extension, pings; what contacts' clients send beside messages (chat states, markers,
// receipts, corrections) for the conversations. Each frame is one complete element.

const FRAMING = 'urn:ietf:params:xml:ns:xmpp-framing';
const SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';
const BIND = 'urn:ietf:params:xml:ns:xmpp-bind';
const CLIENT = 'jabber:client';
const STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';
const MESSAGE_EXT = 'urn:universal-im:message:1';
const CHAT_STATES = 'http://jabber.org/protocol/chatstates';
const MARKERS = 'urn:xmpp:chat-markers:0';
const RECEIPTS = 'urn:xmpp:receipts';
const CORRECTION = 'urn:xmpp:message-correct:0';
const CHAT_STATE_NAMES = ['active', 'composing', 'paused', 'inactive', 'gone'];
const MARKER_NAMES = ['received', 'displayed', 'acknowledged'];
const DELAY = 'urn:xmpp:delay';
const KEEPALIVE_MS = 60000;

export function escapeXml(text) {
    return String(text).replace(/[&<>"']/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&apos;'}[c]));
}

/** The bare JID of a full one: bob@isp-a-u.example/laptop → bob@isp-a-u.example. */
export function bare(jid) {
    const slash = jid.indexOf('/');
    return (slash < 0 ? jid : jid.slice(0, slash)).toLowerCase();
}

/** Reads a universal-format message element (the XML the Local IM server also carries between universal users). */
export function readMessage(element) {
    const body = childText(element, 'body');
    const im = firstChild(element, 'im', MESSAGE_EXT);
    const delay = firstChild(element, 'delay', DELAY);
    const chatState = [...element.children].find(c => c.namespaceURI === CHAT_STATES && CHAT_STATE_NAMES.includes(c.localName));
    // a XEP-0333 marker, or a XEP-0184 receipt read as 'received'
    const marker = [...element.children].find(c => c.namespaceURI === MARKERS && MARKER_NAMES.includes(c.localName))
        || firstChild(element, 'received', RECEIPTS);
    const replace = firstChild(element, 'replace', CORRECTION);
    return {
        id: element.getAttribute('id'),
        from: element.getAttribute('from') || '',
        to: element.getAttribute('to') || '',
        type: element.getAttribute('type') || 'normal',
        body,
        application: im ? (im.getAttribute('application') || 'text') : 'text',
        securityLevel: im ? Number(im.getAttribute('security-level') || 0) : 0,
        delayedSince: delay ? delay.getAttribute('stamp') : null,
        chatState: chatState ? chatState.localName : null,
        marker: marker ? marker.localName : null,
        markerFor: marker ? marker.getAttribute('id') : null,
        // XEP-0333: the sender asks for markers; XEP-0308: the id of the message this one corrects
        markable: firstChild(element, 'markable', MARKERS) !== null,
        replaces: replace ? replace.getAttribute('id') : null
    };
}

export function parseXml(text) {
    const doc = new DOMParser().parseFromString(text, 'text/xml');
    if (doc.getElementsByTagName('parsererror').length > 0) {
        return null;
    }
    return doc.documentElement;
}

function firstChild(element, localName, namespace) {
    for (const child of element.children) {
        if (child.localName === localName && (namespace === undefined || child.namespaceURI === namespace)) {
            return child;
        }
    }
    return null;
}

function childText(element, localName) {
    const child = firstChild(element, localName);
    return child ? child.textContent : null;
}

export class XmppConnection extends EventTarget {

    constructor(url, domain) {
        super();
        this.url = url;
        this.domain = domain;
        this.socket = null;
        this.jid = null;
        this.nextId = 1;
        this.keepalive = null;
        this.step = null;
    }

    get isOnline() {
        return this.jid !== null && this.socket !== null && this.socket.readyState === WebSocket.OPEN;
    }

    /** Logs in and binds the resource; resolves with the full JID. */
    connect(user, password, resource) {
        return new Promise((resolve, reject) => {
            let settled = false;
            const fail = error => {
                if (!settled) {
                    settled = true;
                    reject(error);
                }
            };
            const socket = new WebSocket(this.url, 'xmpp');
            this.socket = socket;
            const sasl = {user, password, mechanism: null, scram: null};
            socket.addEventListener('open', () => this.send(this.openElement()));
            socket.addEventListener('close', e => {
                clearInterval(this.keepalive);
                const wasOnline = this.jid !== null;
                this.jid = null;
                fail(new Error(e.reason || 'the Universal IM server closed the connection'));
                this.dispatchEvent(new CustomEvent('close', {detail: {code: e.code, reason: e.reason, wasOnline}}));
            });
            socket.addEventListener('message', async e => {
                const element = parseXml(e.data);
                if (!element) {
                    return;
                }
                try {
                    await this.handle(element, sasl, resource, jid => {
                        settled = true;
                        resolve(jid);
                    }, fail);
                } catch (error) {
                    fail(error);
                    this.close();
                }
            });
        });
    }

    openElement() {
        return `<open xmlns="${FRAMING}" to="${escapeXml(this.domain)}" version="1.0"/>`;
    }

    async handle(el, sasl, resource, bound, fail) {
        const name = el.localName;
        if (name === 'open') {
            return;
        }
        if (name === 'features') {
            const mechanisms = firstChild(el, 'mechanisms', SASL);
            if (mechanisms && !sasl.mechanism) {
                const offered = [...mechanisms.children].map(m => m.textContent.trim());
                await this.authenticate(sasl, offered);
                return;
            }
            if (firstChild(el, 'bind', BIND)) {
                this.send(`<iq xmlns="${CLIENT}" type="set" id="bind-1"><bind xmlns="${BIND}"><resource>`
                    + `${escapeXml(resource)}</resource></bind></iq>`);
            }
            return;
        }
        if (el.namespaceURI === SASL) {
            if (name === 'challenge') {
                await this.scramFinal(sasl, atob(el.textContent.trim()));
            } else if (name === 'success') {
                if (sasl.scram) {
                    await this.checkServerSignature(sasl, el.textContent.trim());
                }
                this.send(this.openElement());
            } else if (name === 'failure') {
                const text = childText(el, 'text');
                fail(new Error(text || 'the Universal IM server refused the log-in'));
                this.close();
            }
            return;
        }
        if (name === 'iq') {
            this.handleIq(el, bound);
        } else if (name === 'message') {
            this.handleMessage(el);
        } else if (name === 'presence') {
            this.dispatchEvent(new CustomEvent('presence', {detail: {from: el.getAttribute('from'), type: el.getAttribute('type')}}));
        } else if (name === 'error') {
            fail(new Error('stream error: ' + ([...el.children].map(c => c.localName).join(' ') || 'unknown')));
        } else if (name === 'close') {
            this.close();
        }
    }

    handleIq(iq, bound) {
        const type = iq.getAttribute('type');
        const id = iq.getAttribute('id');
        if (id === 'bind-1' && type === 'result') {
            const jid = firstChild(iq, 'bind', BIND);
            this.jid = jid ? childText(jid, 'jid') : null;
            this.keepalive = setInterval(() => this.send(`<iq xmlns="${CLIENT}" type="get" id="ping-${this.nextId++}">`
                + '<ping xmlns="urn:xmpp:ping"/></iq>'), KEEPALIVE_MS);
            bound(this.jid);
            return;
        }
        if (id === 'bind-1' && type === 'error') {
            this.close();
            return;
        }
        if (type === 'get' || type === 'set') {
            const payload = iq.firstElementChild;
            const known = payload && ((payload.localName === 'query' && payload.namespaceURI === 'jabber:iq:roster')
                || (payload.localName === 'ping' && payload.namespaceURI === 'urn:xmpp:ping'));
            // roster pushes and pings are acknowledged; the roster itself comes from the Local IM server
            this.send(known
                ? `<iq xmlns="${CLIENT}" type="result" id="${escapeXml(id)}"/>`
                : `<iq xmlns="${CLIENT}" type="error" id="${escapeXml(id)}"><error type="cancel">`
                + `<service-unavailable xmlns="${STANZAS}"/></error></iq>`);
        }
    }

    handleMessage(el) {
        const message = readMessage(el);
        if (message.type === 'error') {
            const error = firstChild(el, 'error');
            const condition = error ? [...error.children].find(c => c.namespaceURI === STANZAS && c.localName !== 'text') : null;
            const text = error ? childText(error, 'text') : null;
            this.dispatchEvent(new CustomEvent('message-error', {detail: {
                id: message.id, to: message.from, code: condition ? condition.localName : 'undefined-condition', message: text}}));
            return;
        }
        if (message.chatState || message.marker) {
            // typing (XEP-0085) and read marks (XEP-0333, XEP-0184), alone or with a body
            this.dispatchEvent(new CustomEvent('signal', {detail: message}));
        }
        if (message.body === null) {
            return;
        }
        this.dispatchEvent(new CustomEvent('message', {detail: message}));
    }

    /** Initial or changed presence of this resource; a negative priority keeps the user's delivery order first. */
    presence(state, statusText, priority) {
        const show = {AWAY: 'away', DO_NOT_DISTURB: 'dnd', BUSY: 'dnd'}[state];
        let xml = `<presence xmlns="${CLIENT}">`;
        if (show) {
            xml += `<show>${show}</show>`;
        }
        if (statusText) {
            xml += `<status>${escapeXml(statusText)}</status>`;
        }
        xml += `<priority>${priority}</priority>`;
        xml += `<device xmlns="urn:universal-im:presence:1" state="${escapeXml(state)}"/></presence>`;
        this.send(xml);
    }

    /**
     * Sends a chat message in the universal message format, with the chat state 'active' (XEP-0085) and asking for read
     * marks (XEP-0333 markable); answers the stanza id.
     */
    message(to, body, securityLevel) {
        const id = 'x' + Date.now().toString(36) + '-' + this.nextId++;
        this.send(`<message xmlns="${CLIENT}" to="${escapeXml(to)}" type="chat" id="${id}"><body>${escapeXml(body)}</body>`
            + `<im xmlns="${MESSAGE_EXT}" application="text" security-level="${Number(securityLevel) || 0}"/>`
            + `<active xmlns="${CHAT_STATES}"/><markable xmlns="${MARKERS}"/></message>`);
        return id;
    }

    /** Sends a body-less message: a chat state (XEP-0085) and/or a marker (XEP-0333) for the message {@code markerFor}. */
    signal(to, {chatState, marker, markerFor}) {
        const id = 'x' + Date.now().toString(36) + '-' + this.nextId++;
        let xml = `<message xmlns="${CLIENT}" to="${escapeXml(to)}" type="chat" id="${id}">`;
        if (chatState) {
            xml += `<${chatState} xmlns="${CHAT_STATES}"/>`;
        }
        if (marker) {
            xml += `<${marker} xmlns="${MARKERS}" id="${escapeXml(markerFor)}"/>`;
        }
        this.send(xml + '</message>');
    }

    send(xml) {
        if (this.socket && this.socket.readyState === WebSocket.OPEN) {
            this.socket.send(xml);
        }
    }

    close() {
        clearInterval(this.keepalive);
        if (this.socket && this.socket.readyState === WebSocket.OPEN) {
            this.send(`<close xmlns="${FRAMING}"/>`);
            this.socket.close(1000, 'bye');
        }
    }

    // --- SASL

    async authenticate(sasl, offered) {
        const webCrypto = globalThis.crypto && globalThis.crypto.subtle;
        if (webCrypto && offered.includes('SCRAM-SHA-256')) {
            sasl.mechanism = 'SCRAM-SHA-256';
            const nonce = base64(crypto.getRandomValues(new Uint8Array(18)));
            const bareFirst = `n=${saslName(sasl.user)},r=${nonce}`;
            sasl.scram = {nonce, bareFirst};
            this.send(`<auth xmlns="${SASL}" mechanism="SCRAM-SHA-256">${btoa('n,,' + bareFirst)}</auth>`);
        } else if (offered.includes('PLAIN')) {
            sasl.mechanism = 'PLAIN';
            this.send(`<auth xmlns="${SASL}" mechanism="PLAIN">${base64(utf8('\u0000' + sasl.user + '\u0000' + sasl.password))}</auth>`);
        } else {
            throw new Error('no log-in method in common with the Universal IM server');
        }
    }

    async scramFinal(sasl, serverFirst) {
        const fields = Object.fromEntries(serverFirst.split(',').map(p => [p.charAt(0), p.slice(2)]));
        if (!fields.r || !fields.r.startsWith(sasl.scram.nonce) || !fields.s || !fields.i) {
            throw new Error('the Universal IM server answered the log-in strangely');
        }
        const salted = await pbkdf2(sasl.password.normalize('NFKC'), fromBase64(fields.s), Number(fields.i));
        const clientKey = await hmac(salted, utf8('Client Key'));
        const storedKey = new Uint8Array(await crypto.subtle.digest('SHA-256', clientKey));
        const finalBare = `c=biws,r=${fields.r}`;
        const authMessage = utf8(`${sasl.scram.bareFirst},${serverFirst},${finalBare}`);
        const signature = await hmac(storedKey, authMessage);
        const proof = clientKey.map((b, i) => b ^ signature[i]);
        sasl.scram.serverKey = await hmac(salted, utf8('Server Key'));
        sasl.scram.authMessage = authMessage;
        this.send(`<response xmlns="${SASL}">${btoa(`${finalBare},p=${base64(proof)}`)}</response>`);
    }

    async checkServerSignature(sasl, data) {
        const text = atob(data);
        const expected = base64(await hmac(sasl.scram.serverKey, sasl.scram.authMessage));
        if (text !== `v=${expected}`) {
            throw new Error('the Universal IM server could not prove it knows your password');
        }
    }
}

function saslName(user) {
    return user.replaceAll('=', '=3D').replaceAll(',', '=2C');
}

function utf8(text) {
    return new TextEncoder().encode(text);
}

function base64(bytes) {
    let s = '';
    for (const b of bytes) {
        s += String.fromCharCode(b);
    }
    return btoa(s);
}

function fromBase64(text) {
    return Uint8Array.from(atob(text), c => c.charCodeAt(0));
}

async function pbkdf2(password, salt, iterations) {
    const key = await crypto.subtle.importKey('raw', utf8(password), 'PBKDF2', false, ['deriveBits']);
    return new Uint8Array(await crypto.subtle.deriveBits({name: 'PBKDF2', hash: 'SHA-256', salt, iterations}, key, 256));
}

async function hmac(keyBytes, data) {
    const key = await crypto.subtle.importKey('raw', keyBytes, {name: 'HMAC', hash: 'SHA-256'}, false, ['sign']);
    return new Uint8Array(await crypto.subtle.sign('HMAC', key, data));
}

// The Local IM protocol (docs/local-protocol.md): JSON frames over the WebSocket /ws/local.
// Every request gets a result or an error carrying its id; pushes come unasked and are dispatched as events.

const REQUEST_TIMEOUT_MS = 20000;
const KEEPALIVE_MS = 60000;

export class ProtocolError extends Error {
    constructor(code, message, fieldErrors) {
        super(message || code);
        this.code = code;
        this.fieldErrors = fieldErrors || [];
    }
}

export class LocalConnection extends EventTarget {

    constructor(url) {
        super();
        this.url = url;
        this.socket = null;
        this.pending = new Map();
        this.nextId = 1;
        this.keepalive = null;
    }

    /** Opens the socket; resolves when it is open. */
    open() {
        return new Promise((resolve, reject) => {
            const socket = new WebSocket(this.url);
            this.socket = socket;
            socket.addEventListener('open', () => {
                this.keepalive = setInterval(() => this.request('ping').catch(() => {}), KEEPALIVE_MS);
                resolve();
            }, {once: true});
            socket.addEventListener('message', e => this.onFrame(e.data));
            socket.addEventListener('close', e => {
                clearInterval(this.keepalive);
                for (const {reject: fail, timer} of this.pending.values()) {
                    clearTimeout(timer);
                    fail(new ProtocolError('disconnected', 'the connection closed'));
                }
                this.pending.clear();
                reject(new ProtocolError('disconnected', 'the connection could not be opened'));
                this.dispatchEvent(new CustomEvent('close', {detail: {code: e.code, reason: e.reason}}));
            });
        });
    }

    get isOpen() {
        return this.socket !== null && this.socket.readyState === WebSocket.OPEN;
    }

    /** Sends a frame and resolves with the result frame, or rejects with a ProtocolError. */
    request(type, fields = {}) {
        if (!this.isOpen) {
            return Promise.reject(new ProtocolError('disconnected', 'not connected'));
        }
        const id = 'w' + this.nextId++;
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => {
                this.pending.delete(id);
                reject(new ProtocolError('timeout', 'no answer'));
            }, REQUEST_TIMEOUT_MS);
            this.pending.set(id, {resolve, reject, timer});
            this.socket.send(JSON.stringify({...fields, type, id}));
        });
    }

    /** Acknowledges a received message (the server then counts it as delivered to this device). */
    acknowledge(messageId) {
        if (this.isOpen) {
            this.socket.send(JSON.stringify({type: 'message.ack', id: 'ack' + this.nextId++, messageId}));
        }
    }

    close() {
        if (this.socket && this.socket.readyState <= WebSocket.OPEN) {
            this.socket.close(1000, 'bye');
        }
    }

    onFrame(text) {
        let frame;
        try {
            frame = JSON.parse(text);
        } catch (e) {
            return;
        }
        if ((frame.type === 'result' || frame.type === 'error') && frame.id !== undefined) {
            const waiting = this.pending.get(frame.id);
            if (waiting) {
                this.pending.delete(frame.id);
                clearTimeout(waiting.timer);
                if (frame.type === 'result') {
                    waiting.resolve(frame);
                } else {
                    waiting.reject(new ProtocolError(frame.code, frame.message, frame.fieldErrors));
                }
            }
            return;
        }
        this.dispatchEvent(new CustomEvent(frame.type, {detail: frame}));
    }
}

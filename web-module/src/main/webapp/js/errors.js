// The server's error codes (Local protocol, JSON API, XMPP stanza errors) as sentences a user understands.

const SENTENCES = {
    // Local protocol and JSON API
    malformed_frame: 'The page sent something the server could not read. Reload the page and try again.',
    unknown_type: 'This page asked for something the server does not offer. Reload the page.',
    not_authenticated: 'You are not logged in any more. Please log in again.',
    already_authenticated: 'You are already logged in on this connection.',
    authentication_failed: 'Wrong user name or password.',
    validation_failed: 'Some of what you entered is not accepted.',
    rate_limited: 'You are sending too fast. Wait a moment and try again.',
    too_many_attempts: 'Too many failed log-ins. Wait a little and try again.',
    not_found: 'That contact, request or alert does not exist (any more).',
    unknown_recipient: 'There is no such user. Check the address.',
    not_authorized: 'This contact has not let you see their presence yet. Ask them first and wait for their approval.',
    offline_storage_full: 'The recipient has too many messages waiting. Try again later.',
    remote_unreachable: 'The recipient\'s provider cannot be reached right now. Your message is kept and retried.',
    roster_full: 'Your contact list is full. Remove a contact first.',
    too_many_alerts: 'You have too many alerts set. Cancel one first.',
    too_many_devices: 'You have the most devices an account may have. Remove one first.',
    device_exists: 'You already have a device with that name.',
    name_taken: 'That user name is taken. Please choose another one.',
    malformed_request: 'The server could not read the request. Reload the page and try again.',
    unsupported_media_type: 'The server could not read the request. Reload the page and try again.',
    internal_error: 'The server ran into a problem. Please try again; if it keeps happening, tell your provider.',
    peer_exists: 'That ISP is a peer already.',
    timeout: 'The server did not answer in time. Check your connection and try again.',
    disconnected: 'You are not connected to the server. Wait for the connection to come back.',
    forbidden: 'You are not allowed to do that.',
    blocked: 'You block this contact. Unblock them first.',
    not_accepted: 'This person takes messages only from their contacts.',
    not_stored: 'This person keeps no messages from people outside their contacts while away: write again when they are online.',
    block_list_full: 'Your block list is full. Unblock someone first.',
    registration_closed: 'This ISP does not take registrations here: ask its staff for an account.',
    invitation_required: 'This ISP registers new users by invitation: enter the invitation you were given.',
    invitation_invalid: 'This invitation is unknown, used or expired. Ask for a new one.',
    too_many_registrations: 'Too many new accounts from here just now. Please try again later.',
    too_many_invitations: 'You have enough unused invitations. Wait until they are used or expire.',
    // XMPP stanza errors
    'item-not-found': 'There is no such user. Check the address.',
    'remote-server-not-found': 'The recipient\'s provider cannot be reached right now.',
    'resource-constraint': 'The recipient has too many messages waiting. Try again later.',
    'not-acceptable': 'The message was not accepted (it may be too long).',
    'service-unavailable': 'The server does not offer that.',
    'policy-violation': 'You are sending too fast. Wait a moment and try again.',
    'not-authorized': 'The Universal IM server did not accept your log-in.',
    'temporary-auth-failure': 'Too many failed log-ins. Wait a little and try again.',
    'encryption-required': 'This connection is not encrypted: the Universal IM server does not take your password over it.',
    'internal-server-error': 'The server ran into a problem. Please try again.'
};

/** Why a message could not be delivered now (the reasons of the delivery rules, R4). */
const REASONS = {
    NO_DEVICES: 'they have no device registered',
    NO_DEVICE_ONLINE: 'none of their devices is online',
    DO_NOT_DISTURB: 'they do not want to be disturbed',
    NO_DEVICE_SUPPORTS_APPLICATION: 'none of their devices takes this kind of message',
    NO_DEVICE_SECURE_ENOUGH: 'none of their devices has a high enough security level',
    NO_DEVICE_ACKNOWLEDGED: 'no device confirmed it in time'
};

/** A sentence for an error object {code, message, fieldErrors} or an HTTP error body {error, message, fieldErrors}. */
export function explain(error) {
    if (!error) {
        return SENTENCES.internal_error;
    }
    const code = error.code || error.error;
    let sentence = SENTENCES[code];
    if (!sentence) {
        sentence = error.message ? capitalise(error.message) : SENTENCES.internal_error;
    }
    const fields = error.fieldErrors || [];
    if (fields.length > 0) {
        return sentence + ' ' + fields.map(f => `${label(f.field)}: ${f.message}.`).join(' ');
    }
    if (code === 'internal_error' && error.message && /incident/.test(error.message)) {
        const incident = error.message.match(/incident ([0-9a-f-]+)/);
        if (incident) {
            return sentence + ` (Reference: ${incident[1]}.)`;
        }
    }
    return sentence;
}

/** Why a sent message failed after it was stored: the reasons of failed receipts (issue 16), or the server's words. */
const FAILURES = {
    expired: 'it waited unread too long and expired',
    purged: 'the recipient\'s ISP removed their waiting messages',
    'purged by the ISP': 'your ISP removed it from the queue to the recipient\'s ISP'
};

export function failureText(reason) {
    return FAILURES[reason] || reason;
}

export function reasonText(reason) {
    return REASONS[reason] || (reason ? reason.toLowerCase().replaceAll('_', ' ') : '');
}

const LABELS = {
    userName: 'User name', password: 'Password', fullName: 'Full name', screenName: 'Screen name', email: 'E-mail',
    timeZone: 'Time zone', postalAddress: 'Postal address', billingReference: 'Billing reference', contact: 'Address',
    device: 'Device', name: 'Name', securityLevel: 'Security level', body: 'Message', from: 'From', until: 'Until',
    deviceOrder: 'Order', ackTimeoutMillis: 'Acknowledgement time', applications: 'Applications', state: 'State',
    domain: 'Domain', baseUrl: 'Federation URL', transport: 'Transport', universalDomain: 'Universal domain',
    certificateSha256: 'Certificate fingerprint', oldPassword: 'Current password', newPassword: 'New password',
    address: 'Address', strangers: 'Strangers', invitation: 'Invitation', validDays: 'Days'
};

function label(field) {
    return LABELS[field] || field;
}

function capitalise(text) {
    const s = String(text);
    return s.charAt(0).toUpperCase() + s.slice(1) + (/[.!?]$/.test(s) ? '' : '.');
}

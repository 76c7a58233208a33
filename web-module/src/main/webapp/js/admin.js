// The ISP console: users, peer ISPs, live counters, server health and log-in locks, over /api/v1/admin
// (HTTP Basic, role admin). The password stays in this page's memory only.

import {h, $, showError, clearError, toast, formatTime, STATE_LABELS} from './ui.js';
import {explain} from './errors.js';
import {wireTools, loadInvitations, showOffline, showOutbox} from './admin-tools.js';

const COUNTERS_EVERY_MS = 2000;
const PEERS_EVERY_MS = 3000;
const LOCKS_EVERY_MS = 3000;
const RATE_POINTS = 60;

const console_ = {
    user: null,
    password: null,
    page: 'users',
    selectedUser: null,
    editingPeer: null,
    timer: null,
    last: null,
    rates: []
};

class ApiError extends Error {
    constructor(status, body) {
        super(status === 401 ? 'Wrong user name or password.' : status === 403
            ? 'This account is not an ISP administrator.' : explain(body));
        this.status = status;
    }
}

async function api(method, path, body) {
    const options = {method, credentials: 'omit', headers: {
        Authorization: 'Basic ' + btoa(unescape(encodeURIComponent(`${console_.user}:${console_.password}`)))}};
    if (body !== undefined) {
        options.headers['Content-Type'] = 'application/json';
        options.body = JSON.stringify(body);
    }
    const answer = await fetch('../api/v1/admin/' + path, options);
    if (answer.status === 204) {
        return null;
    }
    const json = await answer.json().catch(() => ({}));
    if (!answer.ok) {
        throw new ApiError(answer.status, json);
    }
    return json;
}

// --- sign-in

$('#login-form').addEventListener('submit', async e => {
    e.preventDefault();
    clearError('#login-error');
    console_.user = $('#admin-user').value.trim();
    console_.password = $('#admin-password').value;
    if (!console_.user || !console_.password) {
        showError('#login-error', 'Enter the administrator\'s user name and password.');
        return;
    }
    $('#login-submit').disabled = true;
    try {
        const server = await api('GET', 'server');
        $('#isp-domain').textContent = `${server.isp} · ${server.node}`;
        $('#admin-name').textContent = console_.user;
        $('#login').hidden = true;
        $('#console').hidden = false;
        $('#signed-in').hidden = false;
        showPage('users');
    } catch (error) {
        console_.password = null;
        $('#admin-password').value = '';
        showError('#login-error', error instanceof ApiError ? error.message : 'The server cannot be reached.');
    } finally {
        $('#login-submit').disabled = false;
    }
});

// the form works once its handler is here: never a plain form submission with the password in it
$('#login-submit').disabled = false;
wireTools({api, failed, selectedUser: () => console_.selectedUser, userGone, refreshUser: name => showUser(name),
    refreshPeers: () => loadPeers()});

/** The selected user was deleted: the detail closes and the list is read again. */
function userGone() {
    console_.selectedUser = null;
    $('#user-detail').hidden = true;
    searchUsers();
}

$('#sign-out').addEventListener('click', () => {
    console_.password = null;
    location.reload();
});

for (const button of document.querySelectorAll('#console nav button')) {
    button.addEventListener('click', () => showPage(button.dataset.page));
}

function showPage(page) {
    console_.page = page;
    for (const button of document.querySelectorAll('#console nav button')) {
        if (button.dataset.page === page) {
            button.setAttribute('aria-current', 'page');
        } else {
            button.removeAttribute('aria-current');
        }
    }
    for (const name of ['users', 'peers', 'counters', 'health', 'locks', 'invitations']) {
        $(`#page-${name}`).hidden = name !== page;
    }
    clearInterval(console_.timer);
    if (page === 'users') {
        searchUsers();
    } else if (page === 'peers') {
        loadPeers();
        console_.timer = setInterval(loadPeers, PEERS_EVERY_MS);
    } else if (page === 'counters') {
        console_.last = null;
        loadCounters();
        console_.timer = setInterval(loadCounters, COUNTERS_EVERY_MS);
    } else if (page === 'health') {
        loadHealth();
    } else if (page === 'invitations') {
        loadInvitations();
    } else if (page === 'locks') {
        loadLocks();
        console_.timer = setInterval(loadLocks, LOCKS_EVERY_MS);
    }
}

function failed(error, target) {
    if (error.status === 401) {
        toast('Your sign-in is no longer accepted. Sign in again.', 'error', true);
        return;
    }
    if (target) {
        showError(target, error.message);
    } else {
        toast(error.message, 'error');
    }
}

// --- users

$('#user-search').addEventListener('submit', e => {
    e.preventDefault();
    searchUsers();
});

async function searchUsers() {
    const q = $('#user-query').value.trim();
    try {
        const page = await api('GET', `users?q=${encodeURIComponent(q)}&limit=50`);
        $('#user-count').textContent = page.total === 0 ? 'No user matches.'
            : `${page.total} user${page.total === 1 ? '' : 's'}` + (page.total > page.users.length ? `, first ${page.users.length} shown` : '') + '.';
        $('#user-table tbody').replaceChildren(...page.users.map(u => {
            const open = h('button', {type: 'button', class: 'ghost', 'data-user': u.userName}, u.userName);
            open.addEventListener('click', () => showUser(u.userName));
            return h('tr', {'data-user': u.userName, class: u.userName === console_.selectedUser ? 'selected' : ''},
                h('td', {}, open, u.universal ? h('span', {class: 'badge universal', style: 'margin-left:.4rem'}, 'universal') : ''),
                h('td', {}, u.fullName, h('div', {class: 'hint'}, u.universal ? u.universalAddress : u.localAddress)),
                h('td', {}, `${u.devicesOnline} of ${u.devices}`),
                h('td', {'data-account': u.disabled ? 'disabled' : 'enabled'},
                    u.disabled ? h('span', {class: 'status-down'}, 'disabled') : h('span', {class: 'status-up'}, 'enabled')));
        }));
    } catch (error) {
        failed(error);
    }
}

async function showUser(name) {
    console_.selectedUser = name;
    clearError('#user-error');
    try {
        const [summary, account, devices, presence] = await Promise.all([api('GET', `users/${encodeURIComponent(name)}/summary`),
            api('GET', `users/${encodeURIComponent(name)}`), api('GET', `users/${encodeURIComponent(name)}/devices`),
            api('GET', `users/${encodeURIComponent(name)}/presence`)]);
        $('#user-detail').hidden = false;
        $('#user-detail').dataset.user = name;
        $('#user-detail-title').textContent = `${account.attributes.fullName} (${account.userName})`;
        const facts = [['Local address', account.localAddress], ['Universal address', account.universalAddress || 'local-only'],
            ['Screen name', account.attributes.screenName], ['E-mail', account.attributes.email],
            ['Postal address', account.attributes.postalAddress], ['Billing reference', account.attributes.billingReference],
            ['Time zone', account.timeZone], ['Registered', formatTime(account.registeredAt)],
            ['Account', summary.disabled ? 'disabled' : 'enabled']];
        $('#user-facts').replaceChildren(...facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v || '—')]));
        $('#user-presence').replaceChildren(h('span', {class: 'dot', 'data-state': presence.aggregate}), ' ',
            STATE_LABELS[presence.aggregate] || presence.aggregate, presence.statusText ? ` — ${presence.statusText}` : '');
        $('#user-devices tbody').replaceChildren(...devices.map(d => h('tr', {'data-device': d.name, 'data-state': d.state},
            h('td', {}, String(d.rank)), h('td', {}, d.name), h('td', {}, d.type),
            h('td', {}, h('span', {class: 'dot', 'data-state': d.state}), ' ', STATE_LABELS[d.state] || d.state),
            h('td', {}, String(d.securityLevel)), h('td', {}, formatTime(d.stateSince)))));
        showOffline(name);
        $('#user-disable').hidden = summary.disabled;
        $('#user-enable').hidden = !summary.disabled;
        for (const row of document.querySelectorAll('#user-table tbody tr')) {
            row.classList.toggle('selected', row.dataset.user === name);
        }
    } catch (error) {
        failed(error, '#user-error');
    }
}

async function accountAction(action) {
    const name = console_.selectedUser;
    clearError('#user-error');
    try {
        await api('POST', `users/${encodeURIComponent(name)}/${action}`);
        toast(action === 'disable' ? `${name} is disabled and was logged off.` : `${name} can log in again.`);
        await Promise.all([showUser(name), searchUsers()]);
    } catch (error) {
        failed(error, '#user-error');
    }
}

$('#user-disable').addEventListener('click', () => {
    if (confirm(`Disable ${console_.selectedUser}? They are logged off at once and cannot log in until enabled.`)) {
        accountAction('disable');
    }
});
$('#user-enable').addEventListener('click', () => accountAction('enable'));

$('#password-form').addEventListener('submit', async e => {
    e.preventDefault();
    clearError('#user-error');
    const name = console_.selectedUser;
    const password = $('#new-password').value;
    if (password.length < 8) {
        showError('#user-error', 'A password has at least 8 characters.');
        return;
    }
    try {
        await api('POST', `users/${encodeURIComponent(name)}/password`, {password});
        $('#new-password').value = '';
        toast(`New password set for ${name}; their open sessions were closed.`);
        await showUser(name);
    } catch (error) {
        failed(error, '#user-error');
    }
});

// --- peers

async function loadPeers() {
    try {
        const peers = await api('GET', 'peers');
        $('#peer-table tbody').replaceChildren(...peers.map(p => {
            const test = h('button', {type: 'button', class: 'secondary', 'data-test': p.domain}, 'Test');
            const edit = h('button', {type: 'button', class: 'ghost', 'data-edit': p.domain}, 'Edit');
            const remove = h('button', {type: 'button', class: 'ghost danger', 'data-remove': p.domain}, 'Remove');
            const outbox = h('button', {type: 'button', class: 'ghost', 'data-outbox': p.domain}, 'Outbox');
            outbox.addEventListener('click', () => showOutbox(p.domain));
            test.addEventListener('click', () => testPeer(p.domain));
            edit.addEventListener('click', () => editPeer(p));
            remove.addEventListener('click', () => removePeer(p.domain));
            const stateText = !p.enabled ? 'disabled' : p.reachable ? 'reachable' : 'unreachable';
            return h('tr', {'data-peer': p.domain},
                h('td', {}, h('strong', {}, p.domain), h('div', {class: 'hint'}, p.universalDomain)),
                h('td', {}, p.baseUrl), h('td', {}, p.transport),
                h('td', {}, h('span', {class: p.enabled && p.reachable ? 'status-up' : 'status-down'}, stateText),
                    p.lastSuccessAt ? h('div', {class: 'hint'}, `last success ${formatTime(p.lastSuccessAt)}`) : ''),
                h('td', {'data-outbox': String(p.outboxDepth)}, String(p.outboxDepth)),
                h('td', {}, p.lastError ? `${p.lastError} (${formatTime(p.lastFailureAt)})` : '—'),
                h('td', {class: 'actions'}, test, ' ', edit, ' ', outbox, ' ', remove));
        }));
    } catch (error) {
        failed(error, '#peer-error');
    }
}

async function testPeer(domain) {
    const answer = $('#peer-test-answer');
    answer.textContent = `Testing ${domain}…`;
    try {
        const t = await api('POST', `peers/${encodeURIComponent(domain)}/test`);
        answer.dataset.reachable = String(t.reachable);
        answer.textContent = t.reachable
            ? `${domain} answered in ${t.millis} ms: it is ${t.peerDomain} (node ${t.node}) and sees us as ${t.weAre}.`
            : `${domain} is not reachable: ${t.error}`;
        await loadPeers();
    } catch (error) {
        answer.textContent = error.message;
    }
}

function editPeer(p) {
    console_.editingPeer = p.domain;
    $('#peer-form-title').textContent = `Change ${p.domain}`;
    $('#peer-domain').value = p.domain;
    $('#peer-domain').disabled = true;
    $('#peer-url').value = p.baseUrl;
    $('#peer-transport').value = p.transport;
    $('#peer-universal').value = p.universalDomain || '';
    $('#peer-pin').value = p.certificateSha256 || '';
    $('#peer-enabled').checked = p.enabled;
    $('#peer-announce').checked = p.announceAll;
    $('#peer-submit').textContent = 'Save peer';
    $('#peer-cancel').hidden = false;
}

function resetPeerForm() {
    console_.editingPeer = null;
    $('#peer-form').reset();
    $('#peer-domain').disabled = false;
    $('#peer-form-title').textContent = 'Add a peer';
    $('#peer-submit').textContent = 'Add peer';
    $('#peer-cancel').hidden = true;
}

$('#peer-cancel').addEventListener('click', resetPeerForm);

$('#peer-form').addEventListener('submit', async e => {
    e.preventDefault();
    clearError('#peer-error');
    const body = {domain: $('#peer-domain').value.trim(), baseUrl: $('#peer-url').value.trim(),
        transport: $('#peer-transport').value, universalDomain: $('#peer-universal').value.trim() || null,
        certificateSha256: $('#peer-pin').value.trim() || null, enabled: $('#peer-enabled').checked,
        announceAll: $('#peer-announce').checked};
    try {
        if (console_.editingPeer) {
            await api('PUT', `peers/${encodeURIComponent(console_.editingPeer)}`, body);
            toast(`${console_.editingPeer} saved.`);
        } else {
            await api('POST', 'peers', body);
            toast(`${body.domain} added as a peer.`);
        }
        resetPeerForm();
        await loadPeers();
    } catch (error) {
        failed(error, '#peer-error');
    }
});

async function removePeer(domain) {
    if (!confirm(`Stop federating with ${domain}? Requests waiting for it are kept.`)) {
        return;
    }
    try {
        await api('DELETE', `peers/${encodeURIComponent(domain)}`);
        await loadPeers();
    } catch (error) {
        failed(error, '#peer-error');
    }
}

// --- live counters

async function loadCounters() {
    let c;
    try {
        c = await api('GET', 'counters');
    } catch (error) {
        failed(error);
        return;
    }
    $('#c-local').textContent = String(c.sessions.local ?? 0);
    $('#c-xmpp').textContent = String(c.sessions.xmpp ?? 0);
    $('#c-routed').textContent = String(c.messagesRouted);
    $('#c-outbox').textContent = String(c.outboxTotal);
    $('#c-backlog').textContent = String(c.journalBacklog);
    $('#c-inflight').textContent = String(c.messagesInFlight);
    if (console_.last) {
        const seconds = (Date.parse(c.at) - Date.parse(console_.last.at)) / 1000;
        const rate = seconds > 0 ? Math.max(0, c.messagesRouted - console_.last.messagesRouted) / seconds : 0;
        $('#c-rate').textContent = rate >= 10 ? rate.toFixed(0) : rate.toFixed(1);
        console_.rates.push(rate);
        if (console_.rates.length > RATE_POINTS) {
            console_.rates.shift();
        }
        drawRates();
    }
    console_.last = c;
    $('#queue-table tbody').replaceChildren(...c.peers.map(p => h('tr', {'data-peer': p.domain},
        h('td', {}, p.domain), h('td', {'data-outbox': String(p.outboxDepth)}, String(p.outboxDepth)),
        h('td', {}, h('span', {class: p.reachable ? 'status-up' : 'status-down'}, p.reachable ? 'yes' : 'no')),
        h('td', {}, p.reachable ? '—' : p.lastError || '—'))));
}

function drawRates() {
    const svg = $('#rate-chart');
    const max = Math.max(1, ...console_.rates);
    // the newest reading on the right; until two minutes are there, the readings fill the width
    const span = Math.max(console_.rates.length, 12);
    const step = 300 / (span - 1);
    const x = i => (i + span - console_.rates.length) * step;
    const y = r => 56 - (r / max) * 48;
    const points = console_.rates.map((r, i) => `${x(i)},${y(r)}`);
    const ns = 'http://www.w3.org/2000/svg';
    const area = document.createElementNS(ns, 'polygon');
    area.setAttribute('points', `${x(0)},56 ${points.join(' ')} ${x(console_.rates.length - 1)},56`);
    area.setAttribute('fill', '#e7f0fb');
    const line = document.createElementNS(ns, 'polyline');
    line.setAttribute('points', points.join(' '));
    line.setAttribute('fill', 'none');
    line.setAttribute('stroke', '#1a6fd1');
    line.setAttribute('stroke-width', '2');
    line.setAttribute('vector-effect', 'non-scaling-stroke');
    line.dataset.points = String(console_.rates.length);
    svg.replaceChildren(area, line);
    $('#rate-max').textContent = `peak ${max >= 10 ? max.toFixed(0) : max.toFixed(1)} msgs/s in the last two minutes`;
}

// --- log-in locks

async function loadLocks() {
    let locks;
    try {
        locks = await api('GET', 'locks');
    } catch (error) {
        failed(error, '#lock-error');
        return;
    }
    clearError('#lock-error');
    const locked = locks.filter(l => l.locked).length;
    $('#lock-count').textContent = locks.length === 0 ? 'No failed log-ins counted.'
        : `${locks.length} account${locks.length === 1 ? '' : 's'} or address${locks.length === 1 ? '' : 'es'} with failed log-ins, ${locked} locked.`;
    $('#lock-table tbody').replaceChildren(...locks.map(l => {
        const lift = h('button', {type: 'button', class: 'secondary', 'data-lift': `${l.kind}/${l.key}`}, 'Lift');
        lift.addEventListener('click', () => liftLock(l));
        const state = l.locked ? h('span', {class: 'status-down'}, `locked until ${formatTime(l.until)}`)
            : l.until ? h('span', {}, `waiting until ${formatTime(l.until)}`) : h('span', {class: 'hint'}, 'counting');
        return h('tr', {'data-lock': `${l.kind}/${l.key}`, 'data-locked': String(l.locked)},
            h('td', {}, h('strong', {}, l.key), h('div', {class: 'hint'}, l.kind === 'account' ? 'account' : 'client address')),
            h('td', {}, String(l.failures)), h('td', {}, formatTime(l.lastFailure)), h('td', {}, state),
            h('td', {class: 'actions'}, lift));
    }));
}

async function liftLock(lock) {
    try {
        await api('DELETE', `locks/${lock.kind}/${lock.key.split('/').map(encodeURIComponent).join('/')}`);
        toast(`${lock.key} may log in again.`);
    } catch (error) {
        failed(error, '#lock-error');
    }
    await loadLocks();
}

// --- health

async function loadHealth() {
    try {
        const [s, health] = await Promise.all([api('GET', 'server'),
            fetch('../health', {credentials: 'omit'}).then(r => r.json()).catch(() => ({status: 'DOWN', checks: []}))]);
        const tile = (value, label, ok) => h('div', {class: 'tile'},
            h('div', {class: 'value' + (ok === undefined ? '' : ok ? ' status-up' : ' status-down')}, value), h('div', {class: 'label'}, label));
        $('#health-tiles').replaceChildren(
            tile(health.status, 'Overall (health)', health.status === 'UP'),
            tile(s.databaseUp ? `${s.databaseMillis} ms` : 'down', 'Database', s.databaseUp),
            tile(uptime(s.uptimeSeconds), 'Uptime'),
            tile(`${s.heapUsedMiB} / ${s.heapMaxMiB} MiB`, 'Heap'),
            tile(String(s.subscribers), 'Registered users'),
            tile(`${s.peers - s.peersUnreachable} / ${s.peers}`, 'Peers reachable', s.peersUnreachable === 0));
        $('#health-checks').replaceChildren(...(health.checks || []).map(c => h('li', {'data-check': c.name},
            h('span', {class: c.status === 'UP' ? 'status-up' : 'status-down'}, c.status), ` ${c.name}`)));
        const facts = [['ISP domain', s.isp], ['Universal domain', s.universalDomain], ['Node', s.node],
            ['Started', formatTime(s.startedAt)], ['Threads', String(s.threads)], ['Processors', String(s.processors)],
            ['Load (1 min)', s.systemLoad < 0 ? 'unknown' : s.systemLoad.toFixed(2)], ['Java', s.javaVersion]];
        if (s.databaseError) {
            facts.push(['Database error', s.databaseError]);
        }
        $('#health-facts').replaceChildren(...facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
    } catch (error) {
        failed(error);
    }
}

function uptime(seconds) {
    const d = Math.floor(seconds / 86400);
    const hours = Math.floor(seconds % 86400 / 3600);
    const m = Math.floor(seconds % 3600 / 60);
    return d > 0 ? `${d} d ${hours} h` : hours > 0 ? `${hours} h ${m} min` : `${m} min ${seconds % 60} s`;
}

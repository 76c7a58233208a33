// The details of the open contact: presence per device, when they are usually available (R7), alerts when they
// become available, and whether a session could be established now (FIG. 6).

import {state, keyOf, domainOf, displayName, isBlocked} from './state.js';
import {presenceState, presenceText} from './contacts.js';
import {renderAvailability} from './chart.js';
import {explain, reasonText} from './errors.js';
import {h, $, showError, clearError, toast, formatTime, STATE_LABELS} from './ui.js';

export function renderDetails() {
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
    $('#block-contact').textContent = isBlocked(entry.contact) ? 'Unblock' : 'Block';
    $('#block-contact').dataset.blocked = String(isBlocked(entry.contact));
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

export async function refreshAlerts() {
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

export async function setAlert(e) {
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

export function alertFired(detail) {
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

export async function connectCheck() {
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

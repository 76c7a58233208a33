// The user's devices (R3) and delivery rules (R4), over the JSON API (/api/v1/me/devices and /me/rules).

import {h, $, showError, clearError, toast, STATE_LABELS} from './ui.js';

const TYPES = {PC: 'PC', PDA: 'PDA', CELL_PHONE: 'Cell phone', PAGER: 'Pager', APPLICATION: 'Application'};
let rules = null;
let devices = [];

export function wire(api) {
    $('#device-form').addEventListener('submit', async e => {
        e.preventDefault();
        clearError('#devices-error');
        const name = $('#device-name').value.trim();
        if (!name) {
            showError('#devices-error', 'Give the device a name.');
            return;
        }
        try {
            await api('POST', 'me/devices', {name, type: $('#device-type').value,
                securityLevel: Number($('#device-level').value), applications: apps($('#device-apps').value)});
            $('#device-name').value = '';
            toast(`Device ${name} added.`);
            await refresh(api);
        } catch (error) {
            showError('#devices-error', error.message);
        }
    });
    $('#ack-form').addEventListener('submit', async e => {
        e.preventDefault();
        await saveRules(api, rules.deviceOrder, Number($('#ack-timeout').value));
    });
    $('#rules-reset').addEventListener('click', async () => {
        try {
            await api('DELETE', 'me/rules');
            await refresh(api);
        } catch (error) {
            showError('#devices-error', error.message);
        }
    });
    $('#decision-form').addEventListener('submit', async e => {
        e.preventDefault();
        try {
            const d = await api('GET', `me/rules/decision?application=${encodeURIComponent($('#decision-app').value.trim() || 'text')}`
                + `&securityLevel=${$('#decision-level').value}`);
            $('#decision-answer').textContent = d.deliverable
                ? `It would go to ${d.device}` + (d.failover.length ? `, then ${d.failover.join(', then ')}` : '') + '.'
                : `It would be stored for later: ${d.explanation}.`;
        } catch (error) {
            $('#decision-answer').textContent = error.message;
        }
    });
}

function apps(text) {
    return text.split(',').map(s => s.trim()).filter(s => s.length > 0);
}

export async function refresh(api) {
    clearError('#devices-error');
    try {
        [devices, rules] = await Promise.all([api('GET', 'me/devices'), api('GET', 'me/rules')]);
    } catch (error) {
        showError('#devices-error', error.message);
        return;
    }
    $('#ack-timeout').value = rules.ackTimeoutMillis;
    const body = $('#device-table tbody');
    body.replaceChildren(...devices.map((d, i) => {
        const up = h('button', {type: 'button', class: 'ghost', 'aria-label': `Move ${d.name} up`, disabled: i === 0}, '↑');
        const down = h('button', {type: 'button', class: 'ghost', 'aria-label': `Move ${d.name} down`,
            disabled: i === devices.length - 1}, '↓');
        up.addEventListener('click', () => move(api, i, -1));
        down.addEventListener('click', () => move(api, i, 1));
        const stateSelect = h('select', {'aria-label': `State of ${d.name}`, 'data-device-state': d.name},
            ...d.supportedStates.map(s => h('option', {value: s, selected: s === d.state}, STATE_LABELS[s] || s)));
        stateSelect.addEventListener('change', async () => {
            try {
                await api('PUT', `me/devices/${encodeURIComponent(d.name)}/state`, {state: stateSelect.value});
                toast(`${d.name} is now ${STATE_LABELS[stateSelect.value].toLowerCase()}.`);
                await refresh(api);
            } catch (error) {
                showError('#devices-error', error.message);
            }
        });
        const level = h('select', {'aria-label': `Security level of ${d.name}`, 'data-device-level': d.name},
            ...[0, 1, 2, 3].map(l => h('option', {value: l, selected: l === d.securityLevel}, String(l))));
        level.addEventListener('change', async () => {
            try {
                await api('PUT', `me/devices/${encodeURIComponent(d.name)}`, {name: d.name, type: d.type, links: d.links,
                    supportedStates: d.supportedStates, applications: d.applications, endpoint: d.endpoint,
                    fixedAddress: d.fixedAddress, securityLevel: Number(level.value)});
                toast(`${d.name} now takes messages up to level ${level.value}.`);
                await refresh(api);
            } catch (error) {
                showError('#devices-error', error.message);
            }
        });
        const remove = h('button', {type: 'button', class: 'ghost danger', 'aria-label': `Remove ${d.name}`}, 'Remove');
        remove.addEventListener('click', async () => {
            if (!confirm(`Remove the device ${d.name}?`)) {
                return;
            }
            try {
                await api('DELETE', `me/devices/${encodeURIComponent(d.name)}`);
                await refresh(api);
            } catch (error) {
                showError('#devices-error', error.message);
            }
        });
        return h('tr', {'data-device': d.name},
            h('td', {}, String(d.rank), ' ', up, down),
            h('td', {}, h('strong', {}, d.name), d.fixedAddress && d.endpoint ? h('div', {class: 'hint'}, d.endpoint) : ''),
            h('td', {}, TYPES[d.type] || d.type),
            h('td', {}, stateSelect),
            h('td', {}, level),
            h('td', {}, d.applications.join(', ')),
            h('td', {class: 'actions'}, remove));
    }));
}

async function move(api, index, delta) {
    const order = devices.map(d => d.name);
    const [name] = order.splice(index, 1);
    order.splice(index + delta, 0, name);
    await saveRules(api, order, rules.ackTimeoutMillis);
}

async function saveRules(api, order, ackTimeoutMillis) {
    clearError('#devices-error');
    try {
        await api('PUT', 'me/rules', {deviceOrder: order, ackTimeoutMillis});
        toast('Delivery order saved.');
        await refresh(api);
    } catch (error) {
        showError('#devices-error', error.message);
    }
}

// The weekly availability chart (R7): one row per weekday, hours across, one coloured lane per device.

const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
const DAY_LABELS = {MONDAY: 'Mon', TUESDAY: 'Tue', WEDNESDAY: 'Wed', THURSDAY: 'Thu', FRIDAY: 'Fri', SATURDAY: 'Sat', SUNDAY: 'Sun'};
const COLOURS = ['#1a6fd1', '#7b3fc4', '#1f9d55', '#e08a00', '#d0343a', '#0f8b8d'];
const SVG = 'http://www.w3.org/2000/svg';

function minutes(hhmm) {
    const [h, m] = hhmm.split(':').map(Number);
    return h * 60 + m;
}

function el(name, attributes, text) {
    const node = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attributes)) {
        node.setAttribute(k, v);
    }
    if (text !== undefined) {
        node.textContent = text;
    }
    return node;
}

/** "Mon–Fri 09:00–17:00" */
export function describe(window) {
    const idx = window.days.map(d => DAYS.indexOf(d)).sort((a, b) => a - b);
    const consecutive = idx.every((d, i) => i === 0 || d === idx[i - 1] + 1);
    const days = idx.length === 7 ? 'Every day'
        : consecutive && idx.length > 2 ? `${DAY_LABELS[DAYS[idx[0]]]}–${DAY_LABELS[DAYS[idx[idx.length - 1]]]}`
            : idx.map(d => DAY_LABELS[DAYS[d]]).join(', ');
    const until = window.until === '00:00' ? '24:00' : window.until;
    return `${days} ${window.from}–${until}`;
}

/**
 * Renders the availability view {address, timeZone, weeks, devices: [{device, type, windows: [{days, from, until}]}]}
 * into the container: an SVG chart and the same windows as text.
 */
export function renderAvailability(container, view) {
    container.replaceChildren();
    const devices = (view.devices || []).filter(d => d.windows && d.windows.length > 0);
    if (devices.length === 0) {
        const p = document.createElement('p');
        p.className = 'hint';
        p.dataset.windows = '0';
        p.textContent = 'No usual availability yet: there is not enough presence history.';
        container.append(p);
        return;
    }
    const width = 340;
    const left = 30;
    const top = 16;
    const laneHeight = Math.max(6, Math.min(12, Math.floor(24 / devices.length)));
    const rowHeight = laneHeight * devices.length + 6;
    const height = top + rowHeight * 7 + 4;
    const plot = width - left - 14;
    const svg = el('svg', {viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'week-chart',
        'aria-label': `Usual availability of ${view.address} by weekday, in ${view.timeZone}`});
    for (let h = 0; h <= 24; h += 6) {
        const x = left + plot * h / 24;
        svg.append(el('line', {x1: x, x2: x, y1: top - 2, y2: height - 4, stroke: '#dde3ea', 'stroke-width': 1}));
        svg.append(el('text', {x, y: top - 6, 'font-size': 10, 'text-anchor': 'middle', fill: '#5d6b7c'}, `${String(h).padStart(2, '0')}h`));
    }
    DAYS.forEach((day, row) => {
        const y = top + row * rowHeight;
        svg.append(el('rect', {x: left, y, width: plot, height: rowHeight - 4, fill: row % 2 ? '#fafbfc' : '#f4f6f9', rx: 2}));
        svg.append(el('text', {x: 2, y: y + rowHeight / 2 + 1, 'font-size': 10, fill: '#5d6b7c'}, DAY_LABELS[day]));
        devices.forEach((device, lane) => {
            for (const w of device.windows) {
                if (!w.days.includes(day)) {
                    continue;
                }
                const from = minutes(w.from);
                const until = w.until === '00:00' ? 1440 : minutes(w.until);
                const bar = el('rect', {
                    x: left + plot * from / 1440, y: y + 1 + lane * laneHeight, width: Math.max(1, plot * (until - from) / 1440),
                    height: laneHeight - 1, rx: 1.5, fill: COLOURS[lane % COLOURS.length], class: 'window',
                    'data-device': device.device, 'data-day': day
                });
                bar.append(el('title', {}, `${device.device}: ${describe(w)}`));
                svg.append(bar);
            }
        });
    });
    container.append(svg);
    const list = document.createElement('ul');
    list.className = 'windows';
    list.dataset.windows = String(devices.reduce((n, d) => n + d.windows.length, 0));
    devices.forEach((device, lane) => {
        const li = document.createElement('li');
        const swatch = document.createElement('span');
        swatch.className = 'dot';
        swatch.style.background = COLOURS[lane % COLOURS.length];
        li.append(swatch, ` ${device.device} (${device.type.toLowerCase().replace('_', ' ')}): `
            + device.windows.map(describe).join('; '));
        list.append(li);
    });
    const zone = document.createElement('p');
    zone.className = 'hint';
    zone.textContent = `Hours in ${view.timeZone}, from the last ${view.weeks} weeks.`;
    container.append(list, zone);
}

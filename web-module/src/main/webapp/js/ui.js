// Small DOM helpers shared by the web client and the ISP console. Text always goes in as text, never as HTML.

export const STATE_LABELS = {READY: 'Ready', BUSY: 'Busy', AWAY: 'Away', DO_NOT_DISTURB: 'Do not disturb', OFFLINE: 'Offline',
    UNKNOWN: 'Unknown'};

export function $(selector) {
    return document.querySelector(selector);
}

/** Creates an element: h('li', {class: 'x', 'data-id': 1}, 'text', child...). */
export function h(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attributes)) {
        if (v !== undefined && v !== null && v !== false) {
            node.setAttribute(k, v === true ? '' : String(v));
        }
    }
    for (const child of children) {
        if (child !== undefined && child !== null && child !== '') {
            node.append(child instanceof Node ? child : String(child));
        }
    }
    return node;
}

export function show(selector) {
    $(selector).hidden = false;
}

export function hide(selector) {
    $(selector).hidden = true;
}

export function showError(selector, text) {
    const node = $(selector);
    node.textContent = text;
    node.hidden = false;
}

export function clearError(selector) {
    const node = $(selector);
    node.textContent = '';
    node.hidden = true;
}

const MAX_TOASTS = 3;

/** A notification in the corner (at most three at once); sticky ones stay until dismissed. */
export function toast(text, kind = '', sticky = false) {
    const node = h('div', {class: `toast ${kind}`, role: kind === 'error' ? 'alert' : 'status'}, text);
    if (sticky) {
        node.classList.add('sticky');
        const close = h('button', {type: 'button', class: 'ghost', 'aria-label': 'Dismiss', style: 'margin-left:.6rem;padding:0 .4rem'}, '×');
        close.addEventListener('click', () => node.remove());
        node.append(close);
    } else {
        setTimeout(() => node.remove(), 5000);
    }
    const area = $('#toasts');
    area.append(node);
    const passing = [...area.querySelectorAll('.toast:not(.sticky)')];
    passing.slice(0, Math.max(0, area.children.length - MAX_TOASTS)).forEach(t => t.remove());
    return node;
}

export function formatTime(iso) {
    if (!iso) {
        return '';
    }
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) {
        return iso;
    }
    const today = new Date();
    const sameDay = d.toDateString() === today.toDateString();
    return sameDay ? d.toLocaleTimeString([], {hour: '2-digit', minute: '2-digit'})
        : d.toLocaleString([], {month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit'});
}

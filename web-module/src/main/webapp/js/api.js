// The JSON API (/api/v1), signed in as the logged-in user: the devices and delivery rules pages use it.

import {state} from './state.js';
import {explain} from './errors.js';

export async function api(method, path, body) {
    const options = {method, credentials: 'omit', headers: {
        Authorization: 'Basic ' + btoa(unescape(encodeURIComponent(`${state.user}:${state.password}`)))}};
    if (body !== undefined) {
        options.headers['Content-Type'] = 'application/json';
        options.body = JSON.stringify(body);
    }
    const answer = await fetch('api/v1/' + path, options);
    if (answer.status === 204) {
        return null;
    }
    const json = await answer.json().catch(() => ({}));
    if (!answer.ok) {
        const error = new Error(explain(answer.status === 401 ? {code: 'authentication_failed'} : json));
        error.status = answer.status;
        throw error;
    }
    return json;
}

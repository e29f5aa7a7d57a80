// The coordinator's endpoints, relative to the page (<base> is .../admin/), with the token of this tab if any.
const TOKEN_KEY = 'dtm-admin-token';

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (value) => sessionStorage.setItem(TOKEN_KEY, value),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

async function request(path, { method = 'GET', body } = {}) {
  const headers = { Accept: 'application/json' };
  const bearer = token.get();
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch (e) {
    throw new ApiError(0, `the coordinator cannot be reached (${e.message})`);
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    throw new ApiError(response.status, json?.message || `HTTP ${response.status}`);
  }
  return json;
}

function queryString(params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value != null && value !== '') q.set(key, value);
  }
  const text = q.toString();
  return text ? `?${text}` : '';
}

/** GET /api/admin/{route} */
export function admin(route, params) {
  return request(`../api/admin/${route}${queryString(params)}`);
}

/** POST /api/dtmsvr/{route}: dtm's own API, for the actions. */
export function dtm(route, body) {
  return request(`../api/dtmsvr/${route}`, { method: 'POST', body });
}

/** POST /api/admin/{route} with a JSON body: the admin API's own actions. */
export function adminAction(route, body) {
  return request(`../api/admin/${route}`, { method: 'POST', body });
}

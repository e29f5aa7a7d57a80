import { admin, ApiError, token } from './api.js';
import { askForToken } from './dialogs.js';
import { h, notice } from './dom.js';
import * as transactions from './view-transactions.js';
import * as transaction from './view-transaction.js';
import * as stuck from './view-stuck.js';
import * as topics from './view-topics.js';
import * as replicas from './view-replicas.js';

const routes = [
  { pattern: /^\/?$/, nav: 'transactions', view: transactions },
  { pattern: /^\/transactions$/, nav: 'transactions', view: transactions },
  { pattern: /^\/transaction\/(.+)$/, nav: 'transactions', view: transaction },
  { pattern: /^\/stuck$/, nav: 'stuck', view: stuck },
  { pattern: /^\/topics$/, nav: 'topics', view: topics },
  { pattern: /^\/replicas$/, nav: 'replicas', view: replicas },
];

const main = document.getElementById('main');
let info = null;
let renderCount = 0;

function parseHash() {
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, query] = hash.split('?');
  return { path, params: new URLSearchParams(query ?? '') };
}

/** Opens a route: '/transactions', with parameters as an object (empty values left out). */
function navigate(path, params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value != null && value !== '') q.set(key, value);
  }
  const text = q.toString();
  const hash = `#${path}${text ? `?${text}` : ''}`;
  if (location.hash === hash) render();
  else location.hash = hash;
}

async function render() {
  const current = ++renderCount;
  const { path, params } = parseHash();
  const route = routes.find((r) => r.pattern.test(path));
  for (const link of document.querySelectorAll('#nav a')) {
    link.classList.toggle('active', link.dataset.nav === route?.nav);
  }
  if (!route) {
    main.replaceChildren(notice('error', `No such page: ${path}`));
    return;
  }
  const match = path.match(route.pattern);
  main.setAttribute('aria-busy', 'true');
  try {
    if (!info) await loadInfo();
    const node = await route.view.render({
      params, match, info, navigate, refresh: render,
    });
    if (current !== renderCount) return;
    main.replaceChildren(node);
    main.dataset.view = route.nav;
  } catch (e) {
    if (current !== renderCount) return;
    if (e instanceof ApiError && e.status === 401) {
      await askForToken(token.get() ? 'The token was not accepted; enter another one.' : null, token.set);
      render();
      return;
    }
    main.replaceChildren(notice('error', e.message));
  } finally {
    if (current === renderCount) main.removeAttribute('aria-busy');
  }
}

async function loadInfo() {
  info = await admin('info');
  const about = document.getElementById('about');
  about.replaceChildren(
    h('span', { title: 'coordinator version' }, info.version),
    info.replica ? h('span', { title: 'the replica serving this page' }, ' · replica ', h('code', null, info.replica)) : null,
  );
  document.getElementById('sign-out').hidden = !token.get();
}

document.getElementById('sign-out').addEventListener('click', () => {
  token.clear();
  info = null;
  document.getElementById('sign-out').hidden = true;
  render();
});

window.addEventListener('hashchange', render);
render();

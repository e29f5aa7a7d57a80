import { admin } from './api.js';
import {
  formatDuration, h, notice, relative, time,
} from './dom.js';

export async function render({ refresh }) {
  const data = await admin('replicas');
  const rows = data.replicas.map((r) => h('tr', { dataset: { replica: r.id } },
    h('td', null, h('code', null, r.id), r.self ? h('span', { class: 'badge self' }, 'this page') : null),
    h('td', null, r.host),
    h('td', null, r.port),
    h('td', null, r.version),
    h('td', null, time(r.started), h('div', { class: 'muted small' }, relative(r.started))),
    h('td', null, time(r.last_seen), h('div', { class: 'muted small' }, relative(r.last_seen))),
    h('td', null, formatDuration(r.heartbeat_interval_ms))));
  return h('section', null,
    h('h1', null, 'Live replicas'),
    h('p', { class: 'muted' }, `Every coordinator replica writes a heartbeat into the store every ${formatDuration(data.heartbeat_interval_ms)} `
      + 'and deletes it when it shuts down cleanly; replicas seen within three of their heartbeat intervals are listed.'),
    h('div', { class: 'actions' }, h('button', { type: 'button', id: 'reload', onclick: () => refresh() }, 'Reload')),
    rows.length
      ? h('table', { class: 'grid', id: 'replicas-table' },
        h('thead', null, h('tr', null, ['Replica', 'Host', 'Port', 'Version', 'Started', 'Last seen', 'Heartbeat']
          .map((c) => h('th', null, c)))),
        h('tbody', null, rows))
      : notice('warning', 'No replica has written a heartbeat recently.'));
}

import { admin } from './api.js';
import {
  h, isoToLocalInput, localInputToIso, notice, relative, statusBadge, time, txLink,
} from './dom.js';

const STATUSES = ['prepared', 'submitted', 'aborting', 'succeed', 'failed'];
const TYPES = ['saga', 'tcc', 'xa', 'msg', 'workflow'];
const FINISHED = ['succeed', 'failed'];
const FILTERS = ['status', 'type', 'gidPrefix', 'createdFrom', 'createdTo', 'limit'];

export async function render({ params, navigate }) {
  const filters = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? '']));
  const position = params.get('position') ?? '';
  const page = await admin('transactions', { ...filters, position });

  const select = (name, label, values) => h('label', null, label,
    h('select', { name },
      h('option', { value: '' }, 'any'),
      values.map((v) => h('option', { value: v, selected: v === filters[name] }, v))));

  const form = h('form', { id: 'filters', class: 'filters' },
    select('status', 'Status', STATUSES),
    select('type', 'Type', TYPES),
    h('label', null, 'Gid starts with',
      h('input', { name: 'gidPrefix', value: filters.gidPrefix, maxlength: 128, spellcheck: 'false', autocomplete: 'off' })),
    h('label', null, 'Created from',
      h('input', { type: 'datetime-local', name: 'createdFrom', value: isoToLocalInput(filters.createdFrom) })),
    h('label', null, 'to',
      h('input', { type: 'datetime-local', name: 'createdTo', value: isoToLocalInput(filters.createdTo) })),
    h('div', { class: 'buttons' },
      h('button', { type: 'submit', class: 'primary', id: 'apply-filters' }, 'Apply'),
      h('button', { type: 'button', id: 'clear-filters', onclick: () => navigate('/transactions', {}) }, 'Clear')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    navigate('/transactions', {
      status: data.get('status'),
      type: data.get('type'),
      gidPrefix: data.get('gidPrefix'),
      createdFrom: localInputToIso(data.get('createdFrom')),
      createdTo: localInputToIso(data.get('createdTo')),
      limit: filters.limit,
    });
  });

  const rows = page.transactions.map((t) => h('tr', { dataset: { gid: t.gid, status: t.status } },
    h('td', null, txLink(t.gid)),
    h('td', null, t.trans_type),
    h('td', { class: 'status' }, statusBadge(t.status)),
    h('td', null, time(t.create_time)),
    h('td', null, time(t.update_time)),
    FINISHED.includes(t.status)
      ? h('td', { class: 'muted' }, '–')
      : h('td', null, time(t.next_cron_time), h('div', { class: 'muted small' }, relative(t.next_cron_time))),
    h('td', { class: 'reason' }, t.rollback_reason)));

  const table = rows.length
    ? h('table', { id: 'tx-table', class: 'grid' },
      h('thead', null, h('tr', null, ['Gid', 'Type', 'Status', 'Created', 'Updated', 'Next retry', 'Rollback reason']
        .map((c) => h('th', null, c)))),
      h('tbody', null, rows))
    : notice('info', 'No transaction matches these filters.');

  const pager = h('div', { class: 'pager' },
    position ? h('a', { href: '#', id: 'first-page', onclick: (e) => { e.preventDefault(); navigate('/transactions', filters); } }, '« Newest') : null,
    page.next_position
      ? h('a', {
        href: '#',
        id: 'next-page',
        onclick: (e) => { e.preventDefault(); navigate('/transactions', { ...filters, position: page.next_position }); },
      }, 'Older »')
      : h('span', { class: 'muted' }, 'No older transactions'));

  return h('section', null,
    h('h1', null, 'Transactions'),
    h('p', { class: 'muted' }, 'Newest first, from the store shared by every replica.'),
    form, table, pager);
}

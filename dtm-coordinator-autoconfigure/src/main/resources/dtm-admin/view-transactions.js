import { admin, adminAction } from './api.js';
import { confirmAction } from './dialogs.js';
import {
  branchErrorBadge, forceStoppedBadge, h, isoToLocalInput, localInputToIso, notice, relative, statusBadge, time, txLink,
} from './dom.js';

const STATUSES = ['prepared', 'submitted', 'aborting', 'succeed', 'failed'];
const TYPES = ['saga', 'tcc', 'xa', 'msg', 'workflow'];
const FINISHED = ['succeed', 'failed'];
const FILTERS = ['status', 'type', 'gidPrefix', 'createdFrom', 'createdTo', 'limit'];
const UNFINISHED = ['prepared', 'submitted', 'aborting'];

/** What the last bulk retry did, shown once after the list reloads. */
let lastOutcome = null;

/** Makes the unfinished transactions of the filters due now, after asking; the reply's counts become a notice. */
export async function bulkRetry(filter, description, refresh) {
  if (!(await confirmAction('Retry these transactions now?', `${description} become due now (or when the pass `
    + 'working on one ends); the recovery pollers process them on their next rounds. A call retries at most the '
    + 'configured number (dtm.coordinator.admin.max-bulk-retry).', 'Retry now'))) return;
  try {
    const r = await adminAction('retry', filter);
    lastOutcome = {
      kind: 'success',
      text: `Made ${r.reset} transaction(s) due now (${r.matched} matched${r.skipped ? `, ${r.skipped} finished or changed meanwhile` : ''}).`
        + (r.more ? ` More match than the ${r.limit} of one call: retry again for the rest.` : ''),
    };
  } catch (e) {
    lastOutcome = { kind: 'error', text: `Retry now failed: ${e.message}` };
  }
  refresh();
}

export function takeOutcome() {
  const outcome = lastOutcome;
  lastOutcome = null;
  return outcome ? notice(outcome.kind, outcome.text) : null;
}

export async function render({ params, navigate, refresh }) {
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
      h('button', { type: 'button', id: 'clear-filters', onclick: () => navigate('/transactions', {}) }, 'Clear'),
      h('button', {
        type: 'button',
        id: 'bulk-retry',
        disabled: FINISHED.includes(filters.status),
        title: 'Make every unfinished transaction of these filters (status, type, gid prefix) due now',
        onclick: () => bulkRetry({
          status: filters.status || undefined,
          trans_type: filters.type || undefined,
          gid_prefix: filters.gidPrefix || undefined,
        }, 'The unfinished transactions of these filters (status, type and gid prefix; not the creation times)', refresh),
      }, 'Retry matching now')));
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
    h('td', { class: 'status' }, statusBadge(t.status), t.force_stopped_time ? forceStoppedBadge() : null),
    h('td', null, time(t.create_time)),
    h('td', null, time(t.update_time)),
    FINISHED.includes(t.status)
      ? h('td', { class: 'muted' }, '–')
      : h('td', null, time(t.next_cron_time), h('div', { class: 'muted small' }, relative(t.next_cron_time))),
    h('td', { class: 'last-error' }, FINISHED.includes(t.status) ? null : branchErrorBadge(t.branch_error)),
    h('td', { class: 'reason' }, t.rollback_reason)));

  const table = rows.length
    ? h('table', { id: 'tx-table', class: 'grid' },
      h('thead', null, h('tr', null, ['Gid', 'Type', 'Status', 'Created', 'Updated', 'Next retry', 'Last error', 'Rollback reason']
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
    takeOutcome(), form, table, pager);
}

import { admin } from './api.js';
import {
  branchErrorBadge, formatSeconds, h, notice, relative, statusBadge, time, txLink,
} from './dom.js';
import { bulkRetry, takeOutcome } from './view-transactions.js';

export async function render({ refresh }) {
  const data = await admin('stuck');
  const rows = data.transactions.map((t) => h('tr', { dataset: { gid: t.gid, status: t.status } },
    h('td', null, txLink(t.gid)),
    h('td', null, t.trans_type),
    h('td', { class: 'status' }, statusBadge(t.status)),
    h('td', null, formatSeconds(t.age_s)),
    h('td', null, t.reason, branchErrorBadge(t.branch_error)),
    h('td', null, time(t.create_time)),
    h('td', null, time(t.next_cron_time), h('div', { class: 'muted small' }, relative(t.next_cron_time))),
    h('td', { class: 'reason' }, t.rollback_reason)));
  return h('section', null,
    h('h1', null, 'Stuck transactions'),
    h('p', { class: 'muted' },
      'Transactions that should have ended by now, the oldest first: every aborting one, every one whose branch calls '
      + 'have failed since its last successful call (from the first failed call on), and submitted or prepared '
      + `ones past their timeout (create time + timeout_to_fail) or, without a timeout, older than ${formatSeconds(data.threshold_s)}. `
      + `Reads the ${data.scan_limit} newest transactions of each of these statuses at most.`),
    takeOutcome(),
    h('div', { class: 'actions' },
      h('button', {
        type: 'button',
        id: 'retry-stuck',
        disabled: !data.transactions.length,
        title: 'Make every stuck transaction due now',
        onclick: () => bulkRetry({ stuck_only: true }, 'The stuck transactions', refresh),
      }, 'Retry all stuck now'),
      h('button', { type: 'button', id: 'reload', onclick: () => refresh() }, 'Reload')),
    data.cut_short.length
      ? notice('warning', `There are more ${data.cut_short.join(', ')} transactions than were read; older ones are not shown.`)
      : null,
    data.total > data.transactions.length
      ? notice('warning', `Showing the ${data.transactions.length} oldest of ${data.total} stuck transactions.`)
      : null,
    rows.length
      ? h('table', { class: 'grid', id: 'stuck-table' },
        h('thead', null, h('tr', null, ['Gid', 'Type', 'Status', 'Age', 'Why', 'Created', 'Next retry', 'Rollback reason']
          .map((c) => h('th', null, c)))),
        h('tbody', null, rows))
      : notice('info', `Nothing is stuck (${data.scanned} unfinished transactions read).`));
}

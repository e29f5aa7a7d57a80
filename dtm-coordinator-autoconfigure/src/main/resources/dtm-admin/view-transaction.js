import { admin, dtm } from './api.js';
import { confirmAction } from './dialogs.js';
import {
  bar, branchErrorBadge, forceStoppedBadge, formatDuration, formatSeconds, h, notice, relative, resultBadge,
  statusBadge, time,
} from './dom.js';

const FINISHED = ['succeed', 'failed'];
const UNDOING = ['compensate', 'cancel', 'rollback'];

/** What the last action on this page did, shown once after the page reloads. */
let lastOutcome = null;

export async function render({ match, refresh }) {
  const gid = decodeURIComponent(match[1]);
  const data = await admin('transaction', { gid });
  const t = data.transaction;
  const outcome = lastOutcome?.gid === gid ? lastOutcome : null;
  lastOutcome = null;

  const act = async (button, title, text, label, route, done) => {
    if (!(await confirmAction(title, text, label))) return;
    button.disabled = true;
    try {
      await dtm(route, { gid });
      lastOutcome = { gid, kind: 'success', text: done };
    } catch (e) {
      lastOutcome = { gid, kind: 'error', text: `${label} failed: ${e.message}` };
    }
    refresh();
  };
  const unfinished = !FINISHED.includes(t.status);
  const forceStop = h('button', {
    type: 'button',
    id: 'force-stop',
    class: 'danger',
    disabled: !unfinished,
    title: unfinished ? 'Mark the transaction failed now' : 'Only an unfinished transaction can be stopped',
  }, 'Force stop');
  forceStop.addEventListener('click', () => act(forceStop, 'Force stop this transaction?',
    `Transaction ${gid} will be marked failed at once. Nothing is compensated: branches that already ran stay `
    + 'applied and have to be put right by hand. This cannot be undone.', 'Force stop', 'forceStop',
  'Force stopped: the transaction is now failed.'));
  const retryNow = h('button', {
    type: 'button',
    id: 'retry-now',
    disabled: !unfinished,
    title: unfinished ? 'Make the transaction due now' : 'A finished transaction is never retried',
  }, 'Retry now');
  retryNow.addEventListener('click', () => act(retryNow, 'Retry this transaction now?',
    `Transaction ${gid} becomes due now (or when the pass working on it ends), and the recovery poller of some `
    + 'replica processes it on its next round.', 'Retry now', 'resetNextCronTime',
  'Made due now: the recovery poller will process it shortly.'));

  return h('section', { id: 'transaction', dataset: { gid } },
    h('p', null, h('a', { href: '#/' }, '« Transactions')),
    h('h1', null, h('span', { class: 'muted' }, `${t.trans_type} `), h('span', { class: 'gid', id: 'tx-gid' }, gid), ' ',
      statusBadge(t.status, { id: 'tx-status' }), t.force_stopped_time ? forceStoppedBadge() : null),
    outcome ? notice(outcome.kind, outcome.text) : null,
    h('div', { class: 'actions' }, forceStop, retryNow,
      h('button', { type: 'button', id: 'reload', onclick: () => refresh() }, 'Reload')),
    fields(t),
    h('h2', null, 'Branches'),
    h('p', { class: 'muted' }, 'As stored, by branch id and operation; the bar spans the time from a branch row\'s creation to its last change.'),
    branches(data.branches, data.seen_by_this_replica.calls, t, gid),
    h('h2', null, 'Calls seen by this replica'),
    calls(data.seen_by_this_replica));
}

function fields(t) {
  const finished = FINISHED.includes(t.status);
  // [label, value, id, wide]: short values two to a line, long text across the whole width
  const rows = [
    ['Status', statusBadge(t.status)],
    ['Type', `${t.trans_type} over ${t.protocol}`],
    ['Created', time(t.create_time)],
    ['Updated', time(t.update_time)],
    ['Finished', time(t.finish_time)],
    t.force_stopped_time
      ? ['Force-stopped', h('span', { class: 'force-stop-note' }, time(t.force_stopped_time), ' — no compensation ran'), 'force-stopped']
      : ['Rolled back', time(t.rollback_time), 'rolled-back'],
    ['Next retry', finished ? '–' : [time(t.next_cron_time), ' ', h('span', { class: 'muted' }, relative(t.next_cron_time))], 'next-retry'],
    ['Current backoff', formatSeconds(t.next_cron_interval)],
    ['Retry interval', [formatSeconds(t.retry_interval), t.retry_interval_is_default ? h('span', { class: 'muted' }, ' (coordinator default)') : null]],
    ['Timeout to fail', t.timeout_to_fail ? formatSeconds(t.timeout_to_fail) : 'none of its own'],
    ['Request timeout', t.request_timeout ? formatSeconds(t.request_timeout) : 'coordinator default'],
    ['Retry limit', t.retry_limit ? `${t.retry_count} of ${t.retry_limit}` : 'none'],
    ['Rollback reason', t.rollback_reason || '–', 'rollback-reason', true],
    t.result ? ['Result', t.result, 'result', true] : null,
    t.branch_error ? ['Last failed call', [branchErrorBadge(t.branch_error), h('div', { class: 'muted small' },
      h('code', null, t.branch_error.url), ' at ', time(t.branch_error.time), ', failing since ', time(t.branch_error.failing_since))],
    'branch-error', true] : null,
    t.last_error ? ['Last error', [t.last_error, h('div', { class: 'muted small' },
      `${t.error_passes ?? 1} pass(es) in a row, last at `, time(t.last_error_time))], 'last-error', true] : null,
    t.trace_id ? ['Trace id', h('code', null, t.trace_id), 'trace-id', true] : null,
    t.query_prepared ? ['Query prepared', h('code', null, t.query_prepared), null, true] : null,
    t.custom_data ? ['Custom data', h('code', null, t.custom_data), null, true] : null,
    t.owner && !finished ? ['Held by', h('code', null, t.owner), null, true] : null,
  ].filter(Boolean);
  return h('dl', { class: 'fields', id: 'tx-fields' }, rows.map(([label, value, id, wide]) => [
    h('dt', null, label),
    h('dd', { id: id ? `field-${id}` : undefined, class: wide ? 'wide' : undefined }, value),
  ]));
}

/** A "show payload" toggle: the payload is fetched when first shown. */
function payloadToggle(gid, b) {
  const box = h('div', { class: 'payload-box', hidden: true });
  let loaded = false;
  const button = h('button', { type: 'button', class: 'small show-payload' }, 'Show payload');
  button.addEventListener('click', async () => {
    if (!box.hidden) {
      box.hidden = true;
      button.textContent = 'Show payload';
      return;
    }
    if (!loaded) {
      button.disabled = true;
      try {
        const p = await admin('payload', { gid, branch_id: b.branch_id, op: b.op });
        box.replaceChildren(...[p.bytes === 0 ? h('span', { class: 'muted' }, 'empty')
          : h('pre', { class: 'payload' }, p.payload),
        p.encoding === 'base64' ? h('div', { class: 'muted small' }, `${p.bytes} bytes, not UTF-8: shown as base64`) : null]
          .filter(Boolean));
        loaded = true;
      } catch (e) {
        box.replaceChildren(notice('error', e.message));
      } finally {
        button.disabled = false;
      }
    }
    box.hidden = false;
    button.textContent = 'Hide payload';
  });
  return [button, box];
}

function branches(list, calls, t, gid) {
  if (!list.length) return notice('info', 'No branches are stored for this transaction.');
  const times = list.flatMap((b) => [b.create_time, b.finish_time ?? b.update_time]).filter(Boolean)
    .map((iso) => new Date(iso).getTime());
  const start = Math.min(new Date(t.create_time).getTime(), ...times);
  const end = Math.max(...times, start + 1000);
  const attempts = new Map();
  for (const c of calls) {
    const key = `${c.branch_id}/${c.op}`;
    attempts.set(key, (attempts.get(key) ?? 0) + 1);
  }
  return h('table', { class: 'grid timeline', id: 'branches' },
    h('thead', null, h('tr', null, ['Branch', 'Op', 'Status', 'URL', 'Created', 'Updated', 'Duration', 'Calls seen', 'Timeline']
      .map((c) => h('th', null, c)))),
    h('tbody', null, list.map((b) => {
      const from = b.create_time ? new Date(b.create_time).getTime() : null;
      const last = b.finish_time ?? b.update_time;
      const to = last ? new Date(last).getTime() : null;
      return h('tr', { dataset: { branch: b.branch_id, op: b.op, status: b.status } },
        h('td', null, b.branch_id),
        h('td', { class: UNDOING.includes(b.op) ? 'undo' : '' }, b.op),
        h('td', null, statusBadge(b.status)),
        h('td', { class: 'url' }, b.url, h('div', null, payloadToggle(gid, b))),
        h('td', null, time(b.create_time)),
        h('td', null, time(b.update_time)),
        h('td', null, formatDuration(b.duration_ms)),
        h('td', null, attempts.get(`${b.branch_id}/${b.op}`) ?? 0),
        h('td', { class: 'bar' }, bar(start, end, from, to, `status-${b.status}`)));
    })));
}

function calls(seen) {
  const intro = h('p', { class: 'muted', id: 'calls-note' },
    'Each call this replica', seen.replica ? [' (', h('code', null, seen.replica), ')'] : null,
    ` made to this transaction's branches since it started, from a log kept in memory (the last ${seen.capacity} `
    + 'calls of all transactions). Calls made by other replicas, or before a restart, are not shown.');
  if (!seen.calls.length) return h('div', null, intro, notice('info', 'This replica has no call of this transaction in its log.'));
  const starts = seen.calls.map((c) => new Date(c.start_time).getTime());
  const ends = seen.calls.map((c, i) => starts[i] + (c.duration_ms ?? Math.max(0, Date.now() - starts[i])));
  const start = Math.min(...starts);
  const end = Math.max(...ends, start + 1);
  return h('div', null, intro,
    h('table', { class: 'grid timeline', id: 'calls' },
      h('thead', null, h('tr', null, ['#', 'Started', 'Branch', 'Op', 'Attempt', 'Result', 'HTTP', 'Duration', 'Message', 'Timeline']
        .map((c) => h('th', null, c)))),
      h('tbody', null, seen.calls.map((c, i) => h('tr', { dataset: { branch: c.branch_id, op: c.op, result: c.result ?? 'running' }, title: c.url },
        h('td', null, i + 1),
        h('td', null, time(c.start_time, true)),
        h('td', null, c.branch_id),
        h('td', { class: UNDOING.includes(c.op) ? 'undo' : '' }, c.op),
        h('td', null, c.attempt),
        h('td', null, resultBadge(c.result)),
        h('td', null, c.http_status ?? '–'),
        h('td', null, formatDuration(c.duration_ms)),
        h('td', { class: 'reason' }, c.message ?? ''),
        h('td', { class: 'bar' }, bar(start, end, starts[i], c.duration_ms == null ? null : ends[i], `result-${c.result ?? 'running'}`)))))));
}

// Builds elements from data without ever parsing it as HTML: every value ends up as text.
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value == null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

export function statusBadge(status, attrs) {
  return h('span', { class: `badge status-${status ?? 'unknown'}`, ...attrs }, status ?? '?');
}

export function resultBadge(result) {
  return h('span', { class: `badge result-${result ?? 'running'}` }, result ?? 'in progress');
}

const pad = (n, width = 2) => String(n).padStart(width, '0');

/** The browser's name of the time zone at an instant: "UTC", "CET", "GMT+2". */
function zoneOf(d) {
  const part = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(d)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? 'local time';
}

/** A stored instant in the browser's time zone, named, to the second (to the millisecond when asked). */
export function formatTime(iso, millis = false) {
  if (!iso) return '–';
  const d = new Date(iso);
  const text = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} `
    + `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return `${millis ? `${text}.${pad(d.getMilliseconds(), 3)}` : text} ${zoneOf(d)}`;
}

export function time(iso, millis = false) {
  return h('time', { datetime: iso ?? undefined, title: iso ?? undefined }, formatTime(iso, millis));
}

export function formatDuration(ms) {
  if (ms == null) return '–';
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  const two = (big, bigUnit, small, smallUnit) => (small ? `${big} ${bigUnit} ${small} ${smallUnit}` : `${big} ${bigUnit}`);
  if (s < 60) return Number.isInteger(s) ? `${s} s` : `${s.toFixed(s < 10 ? 2 : 1)} s`;
  if (s < 3600) return two(Math.floor(s / 60), 'min', Math.round(s % 60), 's');
  if (s < 86400) return two(Math.floor(s / 3600), 'h', Math.round((s % 3600) / 60), 'min');
  return two(Math.floor(s / 86400), 'd', Math.round((s % 86400) / 3600), 'h');
}

export function formatSeconds(seconds) {
  return seconds == null ? '–' : formatDuration(seconds * 1000);
}

/** "in 3 min" / "5 s ago", relative to now. */
export function relative(iso) {
  if (!iso) return '';
  const ms = new Date(iso).getTime() - Date.now();
  return ms >= 0 ? `in ${formatDuration(ms)}` : `${formatDuration(-ms)} ago`;
}

/** Converts a value of an <input type="datetime-local"> to an ISO instant, and back. */
export function localInputToIso(value) {
  return value ? new Date(value).toISOString() : '';
}

export function isoToLocalInput(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function txLink(gid) {
  return h('a', { href: `#/transaction/${encodeURIComponent(gid)}`, class: 'gid' }, gid);
}

export function notice(kind, ...text) {
  return h('div', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, ...text);
}

/** A horizontal bar placed within [start, end] of a time span: a row of a timeline. */
export function bar(spanStart, spanEnd, start, end, kind) {
  const track = h('div', { class: 'track' });
  if (start == null || spanEnd <= spanStart) return track;
  const total = spanEnd - spanStart;
  const left = Math.max(0, Math.min(100, ((start - spanStart) / total) * 100));
  const width = end == null ? 100 - left : Math.max(0.8, Math.min(100 - left, ((end - start) / total) * 100));
  const fill = h('div', { class: `fill ${kind ?? ''}` });
  fill.style.left = `${left}%`;
  fill.style.width = `${width}%`;
  track.append(fill);
  return track;
}

/** The last failed branch call of an unfinished transaction, as a badge with its message beside it. */
export function branchErrorBadge(error) {
  if (!error) return null;
  return h('div', { class: 'branch-error' },
    h('span', { class: 'badge error-badge', title: `since ${error.failing_since ?? '?'}` }, `failing: ${error.branch_id} ${error.op}`),
    ' ', h('span', { class: 'error-text' }, error.message || 'no reply'));
}

/** The mark of a transaction that forceStop ended. */
export function forceStoppedBadge() {
  return h('span', { class: 'badge force-stopped', title: 'forceStop: nothing was compensated' }, 'force-stopped');
}

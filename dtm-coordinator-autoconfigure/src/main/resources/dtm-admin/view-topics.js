import { admin } from './api.js';
import { h, notice, time } from './dom.js';

export async function render({ params, navigate }) {
  const position = params.get('position') ?? '';
  const data = await admin('topics', { position });
  const rows = data.topics.map((t) => h('tr', { dataset: { topic: t.topic } },
    h('td', null, h('code', null, t.topic)),
    h('td', null, t.readable
      ? (t.subscribers.length
        ? h('ul', { class: 'plain' }, t.subscribers.map((s) => h('li', null, h('code', null, s.url),
          s.remark ? h('span', { class: 'muted' }, ` — ${s.remark}`) : null)))
        : h('span', { class: 'muted' }, 'no subscribers'))
      : h('span', { class: 'error' }, 'the stored value is not a subscriber list')),
    h('td', null, t.version),
    h('td', null, time(t.update_time))));
  return h('section', null,
    h('h1', null, 'Topics'),
    h('p', { class: 'muted' }, 'Msg topics (topic://name) and the URLs subscribed to them, read from the store. '
      + 'Subscribe and unsubscribe with /api/dtmsvr/subscribe and /api/dtmsvr/unsubscribe.'),
    rows.length
      ? h('table', { class: 'grid', id: 'topics-table' },
        h('thead', null, h('tr', null, ['Topic', 'Subscribers', 'Version', 'Updated'].map((c) => h('th', null, c)))),
        h('tbody', null, rows))
      : notice('info', 'No topic has been subscribed to.'),
    data.next_position
      ? h('div', { class: 'pager' }, h('a', {
        href: '#',
        onclick: (e) => { e.preventDefault(); navigate('/topics', { position: data.next_position }); },
      }, 'More »'))
      : null);
}

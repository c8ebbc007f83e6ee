// vsoko control work: keyboard-fast entry of task scores in the grid of a school control
// work (one table.cwgrid per class; rows = pupils, columns = tasks).
//
// Type a score (0..max), `-` or `Х` (also X, x, х) for "not done", or clear the cell; the
// cell is saved with POST data-url on Enter (then moves down), Tab, arrows or leaving it.
// The answer carries the cell as stored and the pupil's sum and mark, which the row shows
// at once — the mark is computed on the server from the work's conversion table. Each cell
// shows its state: saving…, saved ✓, or an error (red border, the server's message as the
// tooltip, announced to screen readers). Escape reverts the typing. Moving and posting use
// grid.js (loaded first).
(function () {
  'use strict';

  const grid = window.vsokoGrid;
  const live = document.createElement('div');
  live.className = 'visually-hidden';
  live.setAttribute('aria-live', 'polite');
  document.body.appendChild(live);

  for (const table of document.querySelectorAll('table.cwgrid')) setUp(table);

  function setUp(table) {
    const writable = table.dataset.writable === 'true';
    const url = table.dataset.url;
    const msg = {
      saving: table.dataset.msgSaving || '…',
      saved: table.dataset.msgSaved || '✓',
      network: table.dataset.msgNetwork || 'error',
    };
    const headCells = table.tHead ? Array.from(table.tHead.rows[0].cells) : [];

    for (const input of table.querySelectorAll('input.jc')) {
      input.dataset.o = input.value;
      if (writable) input.readOnly = false;
    }

    function taskOf(input) {
      const th = headCells[input.closest('td').cellIndex];
      return th ? th.dataset.task || null : null;
    }

    function labelOf(input) {
      const tr = input.closest('tr');
      const th = headCells[input.closest('td').cellIndex];
      const name = tr && tr.cells[1] ? tr.cells[1].textContent.trim() : '';
      return name + (th ? ', ' + th.firstChild.textContent.trim() : '');
    }

    function setState(input, state, message) {
      const td = input.closest('td');
      td.classList.remove('saving', 'saved', 'error');
      input.removeAttribute('aria-invalid');
      if (state) td.classList.add(state);
      td.dataset.state = state || '';
      if (state === 'error') input.setAttribute('aria-invalid', 'true');
      input.title = message || '';
      if (message && state !== 'saving') live.textContent = labelOf(input) + ': ' + message;
    }

    /** Saves a cell unless unchanged; saves of one input run one after another. */
    function commit(input) {
      if (!writable || input.readOnly) return Promise.resolve();
      const text = input.value.trim();
      if (text === input.dataset.o.trim() || input.dataset.sending === text) return input._chain || Promise.resolve();
      input.dataset.sending = text;
      const run = () => save(input, text);
      input._chain = (input._chain || Promise.resolve()).then(run, run).finally(() => {
        delete input.dataset.sending;
      });
      return input._chain;
    }

    async function save(input, text) {
      const tr = input.closest('tr');
      const task = taskOf(input);
      if (!tr || !task) return;
      setState(input, 'saving', msg.saving);
      const r = await grid.post(url, { pupil_id: tr.dataset.pupil, task_id: task, value: text });
      if (!r.ok) {
        setState(input, 'error', grid.problemText(r.data, msg.network));
        return;
      }
      const d = r.data;
      if (input.value.trim() === text) input.value = d.text;
      input.dataset.o = d.text;
      tr.querySelector('td.cws').textContent = d.sum;
      tr.querySelector('td.cwm').textContent = d.mark;
      setState(input, 'saved', msg.saved);
    }

    table.addEventListener('focusin', (e) => {
      const input = e.target;
      if (!(input instanceof HTMLInputElement)) return;
      if (!input.hasAttribute('aria-label')) input.setAttribute('aria-label', labelOf(input));
      input.select();
    });

    table.addEventListener('focusout', (e) => {
      if (e.target instanceof HTMLInputElement) commit(e.target);
    });

    table.addEventListener('input', (e) => {
      const input = e.target;
      if (input instanceof HTMLInputElement && input.closest('td').dataset.state !== 'saving') setState(input, '', '');
    });

    table.addEventListener('keydown', (e) => {
      const input = e.target;
      if (!(input instanceof HTMLInputElement)) return;
      if (e.key === 'Escape') {
        input.value = input.dataset.o;
        setState(input, '', '');
        input.select();
        return;
      }
      grid.navigate(table, e, commit);
    });
  }
})();

// vsoko journal: keyboard-fast entry of marks and attendance in the journal grid.
//
// Each cell is an <input> in table#jgrid (rendered readonly; made editable here when the
// table says data-writable="true"). Typing a mark ("5", "54", "5 4") and/or an attendance
// code (н, б, уп, оп; Latin look-alikes h, b, y, o, n are read as Cyrillic) saves the cell on
// Enter (then moves down), Tab, arrows or leaving it, with fetch POST /journal/cells; the
// term-mark column saves with POST /journal/period-marks. Each cell shows its state:
// saving…, saved ✓, an error (red border, the server's message as the tooltip) or "changed
// by X at HH:MM" when the page was stale and the save overwrote someone else's entry.
// Escape reverts the typing. Alt+H (or the button) shows the cell's history. Saving and
// moving use the helpers of grid.js (loaded first).
// No framework, no inline script (CSP script-src 'self').
(function () {
  'use strict';

  const table = document.getElementById('jgrid');
  if (!table) return;
  const writable = table.dataset.writable === 'true';
  const classId = table.dataset.class;
  const subjectId = table.dataset.subject;
  const periodId = table.dataset.period || null;
  const msg = {
    saving: table.dataset.msgSaving || '…',
    saved: table.dataset.msgSaved || '✓',
    network: table.dataset.msgNetwork || 'error',
    min: table.dataset.msgMin || '',
  };
  const reasonInput = document.getElementById('jreason');
  const headCells = table.tHead ? Array.from(table.tHead.rows[0].cells) : [];
  const LOOK_ALIKE = { h: 'н', b: 'б', y: 'у', o: 'о', n: 'п' };

  const live = document.createElement('div');
  live.className = 'visually-hidden';
  live.setAttribute('aria-live', 'polite');
  document.body.appendChild(live);

  let current = null;

  for (const input of table.querySelectorAll('input.jc, input.pm')) {
    input.dataset.o = input.value;
    if (writable) input.readOnly = false;
  }

  // ------------------------------------------------------------------ helpers

  function pupilOf(input) {
    const tr = input.closest('tr');
    return tr ? tr.dataset.pupil : null;
  }

  function lessonOf(input) {
    const td = input.closest('td');
    const th = td ? headCells[td.cellIndex] : null;
    return th ? th.dataset.lesson || null : null;
  }

  function labelOf(input) {
    const tr = input.closest('tr');
    const td = input.closest('td');
    const name = tr && tr.cells[1] ? tr.cells[1].firstChild.textContent.trim() : '';
    const th = td ? headCells[td.cellIndex] : null;
    const col = th ? (th.querySelector('a') || th).textContent.trim() : '';
    return name + (col ? ', ' + col : '');
  }

  /** Splits what was typed into marks (digits) and an attendance code (letters). */
  function parseCell(text) {
    const t = text.toLowerCase().replace(/[hbyon]/g, (ch) => LOOK_ALIKE[ch]);
    return {
      marks: t.replace(/[^0-9]/g, ''),
      attendance: t.replace(/[0-9\s,;/.]/g, ''),
    };
  }

  function setState(input, state, message) {
    const td = input.closest('td');
    td.classList.remove('saving', 'saved', 'error', 'stale');
    input.removeAttribute('aria-invalid');
    if (state) td.classList.add(state);
    td.dataset.state = state || '';
    if (state === 'error') input.setAttribute('aria-invalid', 'true');
    const comment = input.dataset.c || '';
    input.title = message ? message + (comment ? ' · ' + comment : '') : comment;
    if (message && state !== 'saving') live.textContent = labelOf(input) + ': ' + message;
  }

  function reason() {
    if (!reasonInput) return null;
    const r = reasonInput.value.trim();
    return r === '' ? null : r;
  }

  const grid = window.vsokoGrid;
  const post = grid.post;

  function problemText(data) {
    return grid.problemText(data, msg.network);
  }

  function updateRow(row) {
    const tr = table.querySelector('tr[data-pupil="' + row.pupil_id + '"]');
    if (!tr) return;
    const n = tr.querySelector('td.jn');
    const m = tr.querySelector('td.jm');
    const s = tr.querySelector('td.js');
    if (n) {
      n.textContent = String(row.count);
      n.classList.toggle('few', row.too_few);
      n.title = row.too_few ? msg.min : '';
    }
    if (m) m.textContent = row.mean;
    if (s) s.textContent = row.suggested;
  }

  // ------------------------------------------------------------------ saving

  /** Saves a cell unless unchanged; saves of one input run one after another. */
  function commit(input, comment) {
    if (!writable || input.readOnly) return Promise.resolve();
    const text = input.value.trim();
    const newComment = comment === undefined ? input.dataset.c || '' : comment;
    if (text === input.dataset.o.trim() && newComment === (input.dataset.c || '')) return Promise.resolve();
    if (input.dataset.sending === text + '\u0000' + newComment) return input._chain || Promise.resolve();
    input.dataset.sending = text + '\u0000' + newComment;
    const run = () => (input.classList.contains('pm') ? savePeriodMark(input, text) : saveCell(input, text, newComment));
    input._chain = (input._chain || Promise.resolve()).then(run, run).finally(() => {
      delete input.dataset.sending;
    });
    return input._chain;
  }

  async function saveCell(input, text, comment) {
    const lesson = lessonOf(input);
    const pupil = pupilOf(input);
    if (!lesson || !pupil) return;
    const parsed = parseCell(text);
    setState(input, 'saving', msg.saving);
    const r = await post('/journal/cells', {
      lesson_id: lesson,
      pupil_id: pupil,
      marks: parsed.marks,
      attendance: parsed.attendance,
      comment: comment,
      expected_version: Number(input.dataset.v || 0),
      reason: reason(),
    });
    if (!r.ok) {
      setState(input, 'error', problemText(r.data));
      if (r.data && r.data.errors && r.data.errors.reason && reasonInput) reasonInput.setAttribute('aria-invalid', 'true');
      return;
    }
    const d = r.data;
    input.dataset.v = String(d.cell.version);
    input.dataset.c = d.cell.comment;
    if (input.value.trim() === text) input.value = d.text;
    input.dataset.o = d.text;
    input.closest('td').classList.toggle('abs', !!d.cell.attendance && d.cell.attendance !== 'late');
    if (reasonInput) reasonInput.removeAttribute('aria-invalid');
    updateRow(d.row);
    if (d.note) setState(input, 'stale', d.note);
    else setState(input, 'saved', msg.saved);
  }

  async function savePeriodMark(input, text) {
    const pupil = pupilOf(input);
    if (!pupil) return;
    setState(input, 'saving', msg.saving);
    const r = await post('/journal/period-marks', {
      pupil_id: pupil,
      subject_id: subjectId,
      class_id: classId,
      period_id: periodId,
      value: text,
      expected_version: Number(input.dataset.v || 0),
      reason: reason(),
    });
    if (!r.ok) {
      setState(input, 'error', problemText(r.data));
      return;
    }
    const d = r.data;
    input.dataset.v = String(d.row.version);
    if (input.value.trim() === text) input.value = d.text;
    input.dataset.o = d.text;
    if (d.note) setState(input, 'stale', d.note);
    else setState(input, 'saved', msg.saved);
  }

  // ------------------------------------------------------------------ keyboard

  table.addEventListener('focusin', (e) => {
    const input = e.target;
    if (!(input instanceof HTMLInputElement)) return;
    current = input;
    if (!input.hasAttribute('aria-label')) input.setAttribute('aria-label', labelOf(input));
    input.select();
  });

  table.addEventListener('focusout', (e) => {
    const input = e.target;
    if (input instanceof HTMLInputElement) commit(input);
  });

  table.addEventListener('input', (e) => {
    const input = e.target;
    if (!(input instanceof HTMLInputElement)) return;
    const td = input.closest('td');
    if (td.classList.contains('error') || td.classList.contains('saved') || td.classList.contains('stale')) setState(input, '', '');
  });

  table.addEventListener('keydown', (e) => {
    const input = e.target;
    if (!(input instanceof HTMLInputElement)) return;
    if (e.altKey && (e.code === 'KeyH' || e.key === 'h' || e.key === 'р')) {
      e.preventDefault();
      showHistory(input);
      return;
    }
    if (e.key === 'Escape') {
      input.value = input.dataset.o;
      setState(input, '', '');
      input.select();
      return;
    }
    grid.navigate(table, e, commit);
  });

  // ------------------------------------------------------------------ history popover

  const pop = document.getElementById('jpop');
  const popBody = document.getElementById('jpop-body');
  const popWho = document.getElementById('jpop-who');
  const popClose = document.getElementById('jpop-close');
  const popComment = document.getElementById('jpop-comment');
  const histButton = document.getElementById('jhist-btn');
  let popFor = null;

  async function showHistory(input) {
    if (!pop || !input || !input.classList.contains('jc')) return;
    const lesson = lessonOf(input);
    const pupil = pupilOf(input);
    if (!lesson || !pupil) return;
    popFor = input;
    popWho.textContent = labelOf(input);
    popBody.textContent = msg.saving;
    if (popComment) popComment.elements.comment.value = input.dataset.c || '';
    pop.hidden = false;
    try {
      const res = await fetch('/journal/cells/history?lesson_id=' + encodeURIComponent(lesson) + '&pupil_id=' + encodeURIComponent(pupil), {
        credentials: 'same-origin',
      });
      popBody.innerHTML = res.ok ? await res.text() : '';
      if (!res.ok) popBody.textContent = msg.network;
    } catch (_) {
      popBody.textContent = msg.network;
    }
    popClose.focus();
  }

  function hideHistory() {
    if (!pop || pop.hidden) return;
    pop.hidden = true;
    if (popFor) popFor.focus();
  }

  if (pop) {
    popClose.addEventListener('click', hideHistory);
    pop.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        hideHistory();
      }
    });
  }
  if (popComment) {
    popComment.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (!popFor) return;
      const input = popFor;
      await commit(input, popComment.elements.comment.value.trim());
      hideHistory();
    });
  }
  if (histButton) {
    histButton.hidden = false;
    histButton.addEventListener('click', () => showHistory(current));
  }
})();

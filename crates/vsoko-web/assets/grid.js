// vsoko keyboard grids: helpers shared by the journal (journal.js) and the control-work
// grid (control_work.js). JSON POST that reads problem documents, the message of a refused
// save, and moving between the inputs of a table with arrows, Enter and Shift+Enter (Tab is
// the browser's). Exposed as window.vsokoGrid; no framework, no inline script.
(function () {
  'use strict';

  /** POSTs JSON; resolves to {ok, status, data} (data = the JSON answer or null). */
  async function post(url, body) {
    let res;
    try {
      res = await fetch(url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
      });
    } catch (_) {
      return { ok: false, data: null };
    }
    let data = null;
    if ((res.headers.get('Content-Type') || '').includes('json')) {
      try {
        data = await res.json();
      } catch (_) {
        data = null;
      }
    }
    return { ok: res.ok && data !== null, status: res.status, data };
  }

  /** The message of a problem document (first field error, else detail), or `fallback`. */
  function problemText(data, fallback) {
    if (!data) return fallback;
    if (data.errors) {
      const first = Object.values(data.errors)[0];
      if (first) return first;
    }
    return data.detail || fallback;
  }

  /** Focuses the nearest input from `input` by rows and columns of `table`, skipping cells without one. */
  function move(table, input, dr, dc) {
    const td = input.closest('td');
    const rows = table.tBodies[0].rows;
    let r = td.parentElement.sectionRowIndex;
    let c = td.cellIndex;
    for (let step = 0; step < 500; step++) {
      r += dr;
      c += dc;
      if (r < 0 || r >= rows.length || c < 0) return false;
      const cell = rows[r].cells[c];
      if (!cell) return false;
      const next = cell.querySelector('input');
      if (next) {
        next.focus();
        return true;
      }
    }
    return false;
  }

  function allSelected(input) {
    return input.selectionStart === 0 && input.selectionEnd === input.value.length;
  }

  /**
   * Handles Enter (down; Shift+Enter up) and the arrow keys of a keydown in `table`; `atEdge`
   * runs when Enter finds no input further. Returns whether the key was handled.
   */
  function navigate(table, e, atEdge) {
    const input = e.target;
    switch (e.key) {
      case 'Enter':
        e.preventDefault();
        if (!move(table, input, e.shiftKey ? -1 : 1, 0) && atEdge) atEdge(input);
        return true;
      case 'ArrowUp':
        e.preventDefault();
        move(table, input, -1, 0);
        return true;
      case 'ArrowDown':
        e.preventDefault();
        move(table, input, 1, 0);
        return true;
      case 'ArrowLeft':
        if (allSelected(input) || (input.selectionStart === 0 && input.selectionEnd === 0)) {
          e.preventDefault();
          move(table, input, 0, -1);
          return true;
        }
        return false;
      case 'ArrowRight':
        if (allSelected(input) || input.selectionStart === input.value.length) {
          e.preventDefault();
          move(table, input, 0, 1);
          return true;
        }
        return false;
      default:
        return false;
    }
  }

  window.vsokoGrid = { post, problemText, move, navigate };
})();

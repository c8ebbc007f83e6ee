// Upload pages: while the file is checked (the preview request can take a while for big
// files) show the "checking" notice, and where the importer reports progress poll it and
// show the rows checked of all rows. Without JavaScript the form simply posts.
(function () {
  'use strict';
  document.addEventListener('submit', function (ev) {
    var form = ev.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains('upload-form')) return;
    var busy = form.querySelector('#upload-busy');
    if (busy) busy.hidden = false;
    var button = form.querySelector('button[type=submit]');
    if (button) setTimeout(function () { button.disabled = true; }, 0);
    var url = form.getAttribute('data-progress');
    var shown = form.querySelector('#upload-progress');
    if (!url || !shown) return;
    var timer = setInterval(function () {
      fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (p) {
          if (!p || !p.total) return;
          shown.querySelector('.done').textContent = String(p.done);
          shown.querySelector('.total').textContent = String(p.total);
          shown.hidden = false;
        })
        .catch(function () { clearInterval(timer); });
    }, 700);
  });
})();

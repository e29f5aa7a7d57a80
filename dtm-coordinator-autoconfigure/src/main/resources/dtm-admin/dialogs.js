// The two modal dialogs of index.html: the token prompt and the confirmation of an action.

/** Asks for the token; resolves once the dialog is closed (the token, if any, is then in session storage). */
export function askForToken(problem, store) {
  const dialog = document.getElementById('token-dialog');
  const input = document.getElementById('token-input');
  const error = document.getElementById('token-error');
  error.hidden = !problem;
  error.textContent = problem ?? '';
  input.value = '';
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      if (input.value.trim()) store(input.value.trim());
      resolve();
    }, { once: true });
    dialog.showModal();
    input.focus();
  });
}

/** Asks before an action; resolves true when confirmed. */
export function confirmAction(title, text, confirmLabel) {
  const dialog = document.getElementById('confirm-dialog');
  document.getElementById('confirm-title').textContent = title;
  document.getElementById('confirm-text').textContent = text;
  document.getElementById('confirm-ok').textContent = confirmLabel;
  dialog.returnValue = '';
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
    dialog.showModal();
    document.getElementById('confirm-cancel').focus();
  });
}

// Small behaviours shared by every page; no framework.
document.addEventListener("click", function (event) {
  // Ask before a destructive step: <button data-confirm="...">.
  var trigger = event.target.closest("[data-confirm]");
  if (trigger && !window.confirm(trigger.getAttribute("data-confirm"))) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }
}, true);

document.addEventListener("click", function (event) {
  // Close the user menu when clicking elsewhere.
  document.querySelectorAll("details.user-menu[open]").forEach(function (menu) {
    if (!menu.contains(event.target)) menu.removeAttribute("open");
  });
});

// Behaviours that would otherwise be inline handlers, which the Content Security Policy refuses:
// <select data-autosubmit> sends its form when the choice changes; <button data-print> prints the page;
// <input data-select-on-focus> selects its whole value (a token to copy).
document.addEventListener("change", function (event) {
  var field = event.target.closest("[data-autosubmit]");
  if (field && field.form) field.form.requestSubmit();
});

document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) window.print();
});

document.addEventListener("focusin", function (event) {
  if (event.target.matches("[data-select-on-focus]")) event.target.select();
});

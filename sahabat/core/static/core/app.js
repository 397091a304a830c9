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

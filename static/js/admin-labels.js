// The admin's autocomplete boxes (select2) take their name from the <select> they
// replace: its aria-label (articles/admin/labels.py) or its <label>. Without this
// an empty box has no accessible name and its search field no label at all.
"use strict";
(function () {
  function nameOf(select) {
    if (select.getAttribute("aria-label")) return select.getAttribute("aria-label");
    const label = select.id && document.querySelector('label[for="' + select.id + '"]');
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  }
  function label(root) {
    root.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      const name = nameOf(select);
      const container = select.nextElementSibling;
      if (!name || !container || !container.classList.contains("select2")) return;
      container.querySelectorAll('[role="combobox"], [role="textbox"], .select2-search__field').forEach(function (box) {
        box.setAttribute("aria-label", name);
        box.removeAttribute("aria-labelledby");
      });
      container.querySelectorAll("ul.select2-selection__rendered").forEach(function (list) {
        list.setAttribute("role", "none");
      });
    });
  }
  // select2 builds its boxes when the page is ready, for each inline row added, and
  // rebuilds a multiple select's search field at each choice: name them whenever it has.
  let pending = false;
  function soon() {
    if (pending) return;
    pending = true;
    setTimeout(function () { pending = false; label(document); }, 0);
  }
  document.addEventListener("DOMContentLoaded", function () {
    label(document);
    new MutationObserver(soon).observe(document.body, {childList: true, subtree: true});
  });
  window.addEventListener("load", soon);
})();

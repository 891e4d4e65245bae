// The editors' dashboard: after each <time class="kz-local"> (shown in the site's time
// zone), add the same moment in the editor's own local time. No data leaves the page.
"use strict";
document.querySelectorAll("time.kz-local[datetime]").forEach(function (element) {
  var moment = new Date(element.getAttribute("datetime"));
  if (isNaN(moment.getTime())) {
    return;
  }
  var local = document.createElement("span");
  local.className = "kz-local-time";
  local.textContent = " (" + moment.toLocaleString(undefined, {
    year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short"
  }) + ")";
  element.after(local);
});

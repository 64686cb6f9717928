// Small enhancements for every page. Everything works without them.
(function () {
  "use strict";
  // Print buttons stay hidden unless this script runs.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  // An error summary takes focus, so keyboard and screen-reader users hear it first.
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
})();

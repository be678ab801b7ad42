// Citizen pages: small enhancements only; every page works without this file.
(function () {
  "use strict";
  // After a failed submission, take keyboard and screen-reader users to the summary of what to fix.
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }

  // Show only the papers of the chosen case (the others stay in the page, hidden).
  var form = document.querySelector("form.eform");
  if (form) {
    var showCase = function () {
      var chosen = form.querySelector("input[name=case]:checked");
      form.querySelectorAll("li.upload").forEach(function (li) {
        var c = li.getAttribute("data-case");
        li.hidden = Boolean(c) && (!chosen || chosen.value !== c);
      });
    };
    form.querySelectorAll("input[name=case]").forEach(function (r) { r.addEventListener("change", showCase); });
    showCase();
    // The postal address is asked only when the result goes by post.
    var address = form.querySelector("#id_delivery_address");
    var showAddress = function () {
      var chosen = form.querySelector("input[name=delivery]:checked");
      if (address) { address.closest(".field").hidden = !(chosen && chosen.value === "postal"); }
    };
    form.querySelectorAll("input[name=delivery]").forEach(function (r) { r.addEventListener("change", showAddress); });
    showAddress();
  }

  // A second click on a send button while the first request runs does nothing (the server would give the
  // same dossier anyway).
  document.querySelectorAll("form").forEach(function (f) {
    f.addEventListener("submit", function (event) {
      if (f.dataset.sending === "1") { event.preventDefault(); return; }
      f.dataset.sending = "1";
      window.setTimeout(function () { f.dataset.sending = ""; }, 8000);
    });
  });
})();

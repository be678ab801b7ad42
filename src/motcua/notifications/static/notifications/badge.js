// The officers' bar: the number of unread notifications beside the inbox link (GET …/so-chua-doc/).
(function () {
  var link = document.querySelector("a.officer-inbox[data-unread-url]");
  if (!link || !window.fetch) return;
  fetch(link.dataset.unreadUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (data) {
      if (!data || !data.unread) return;
      var badge = link.querySelector(".badge");
      badge.textContent = String(data.unread);
      badge.setAttribute("aria-label", data.label);
      badge.hidden = false;
    })
    .catch(function () {});
})();

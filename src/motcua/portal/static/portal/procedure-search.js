// Catalog pages: instant procedure results from the search API while typing (the form still works
// without JavaScript, through ?q=), and the province picker that applies on change.
(function () {
  "use strict";

  document.querySelectorAll("select[data-autosubmit]").forEach((select) => {
    const hide = select.form.querySelector("[data-js-hide]");
    if (hide) hide.hidden = true;
    select.addEventListener("change", () => select.form.submit());
  });

  const input = document.getElementById("procedure-q");
  const out = document.getElementById("procedure-results");
  const names = document.getElementById("level-names");
  if (!input || !out || !input.dataset.api || !names) return;

  const levelNames = JSON.parse(names.textContent);
  const province = input.dataset.province || "";
  const level = input.dataset.level || "";
  const short = (s) => (s.length > 60 ? s.slice(0, 59) + "…" : s); // as the page's truncatechars:60
  const initial = out.innerHTML; // server-side results for ?q=, shown again when the box is cleared
  const initialQuery = input.value.trim();
  const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  const link = (code) => input.dataset.url.replace("MA", encodeURIComponent(code)) + (province ? "?tinh=" + encodeURIComponent(province) : "");
  let timer = null;
  let controller = null;

  function render(items) {
    if (!items.length) {
      out.innerHTML = '<p class="empty">' + esc(out.dataset.empty) + "</p>";
      return;
    }
    out.innerHTML = '<ol class="proc-list hits">' + items.map((hit) => {
      const meta = ['<span class="code">' + esc(hit.code) + "</span>"];
      if (hit.field) meta.push(esc(hit.field));
      (hit.levels || []).forEach((level) => { if (levelNames[level]) meta.push(esc(levelNames[level])); });
      const facts = [];
      const unit = hit.time_as_published ? " (" + esc(out.dataset.asPublished) + ")" : "";
      if (hit.time_limit) facts.push("<span><b>" + esc(out.dataset.time) + ":</b> " + esc(short(hit.time_limit)) + unit + "</span>");
      if (hit.fee) facts.push("<span><b>" + esc(out.dataset.fee) + ":</b> " + esc(short(hit.fee)) + "</span>");
      facts.push(hit.online ? '<span class="badge online">' + esc(out.dataset.online) + "</span>"
        : '<span class="badge offline">' + esc(out.dataset.offline) + "</span>");
      return '<li><a class="proc-name" href="' + esc(link(hit.code)) + '">' + esc(hit.name) + "</a>" +
        '<span class="meta">' + meta.join(" · ") + '</span><span class="hit-facts">' + facts.join("") + "</span></li>";
    }).join("") + "</ol>";
  }

  async function search(q) {
    if (controller) controller.abort();
    controller = new AbortController();
    const params = new URLSearchParams({ q: q, limit: "10" });
    if (province) params.set("province", province);
    if (level) params.set("level", level);
    out.setAttribute("aria-busy", "true");
    try {
      const resp = await fetch(input.dataset.api + "?" + params, { headers: { Accept: "application/json" }, signal: controller.signal });
      const body = await resp.json();
      if (!resp.ok) {
        out.innerHTML = '<p class="error">' + esc(body.title || "") + "</p>";
      } else {
        render(body.results || []);
      }
    } catch (err) {
      if (err.name !== "AbortError") out.innerHTML = '<p class="error">' + esc(err.message) + "</p>";
    } finally {
      out.removeAttribute("aria-busy");
    }
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2) {
      if (controller) controller.abort();
      out.innerHTML = q === initialQuery ? initial : "";
      return;
    }
    timer = setTimeout(() => search(q), 200);
  });
})();

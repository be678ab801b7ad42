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
    out.innerHTML = '<ol class="proc-list">' + items.map((hit) => {
      const meta = ['<span class="code">' + esc(hit.code) + "</span>"];
      if (hit.field) meta.push(esc(hit.field));
      (hit.levels || []).forEach((level) => { if (levelNames[level]) meta.push(esc(levelNames[level])); });
      return '<li><a class="proc-name" href="' + esc(link(hit.code)) + '">' + esc(hit.name) + "</a>" +
        '<span class="meta">' + meta.join(" · ") + "</span></li>";
    }).join("") + "</ol>";
  }

  async function search(q) {
    if (controller) controller.abort();
    controller = new AbortController();
    const params = new URLSearchParams({ q: q, limit: "10" });
    if (province) params.set("province", province);
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

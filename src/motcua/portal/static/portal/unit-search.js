// Instant results for the unit search box; the form still works without JavaScript.
(function () {
  const input = document.getElementById("unit-q");
  const out = document.getElementById("unit-results");
  if (!input || !out) return;
  const provinces = JSON.parse(document.getElementById("province-names").textContent);
  let timer = null, seq = 0;
  const esc = (s) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = input.value.trim();
      if (q.length < 2) { out.innerHTML = ""; return; }
      const mine = ++seq;
      const resp = await fetch(input.dataset.api + "?limit=15&q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } });
      if (mine !== seq) return;
      const body = await resp.json();
      if (!resp.ok) { out.innerHTML = '<p class="error">' + esc(body.title || "") + "</p>"; return; }
      const items = body.results || body;
      if (!items.length) { out.innerHTML = '<p class="empty">' + esc(out.dataset.empty) + "</p>"; return; }
      out.innerHTML = '<ul class="results">' + items.map((u) =>
        "<li><span>" + esc(u.full_name) + (u.level !== "province" && provinces[u.province_code] ? " — " + esc(provinces[u.province_code]) : "") + '</span><span class="code">' + esc(u.code) + "</span></li>").join("") + "</ul>";
    }, 150);
  });
})();

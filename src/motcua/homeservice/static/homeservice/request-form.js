// Home-service request form: communes of the chosen province, a filter over them (diacritics optional),
// and an optional procedure search that fills the procedure code. Without JavaScript the form still works.
(function () {
  "use strict";
  var script = document.currentScript;
  var communesUrl = script.dataset.communesUrl, searchUrl = script.dataset.searchUrl;
  var province = document.getElementById("id_province"), commune = document.getElementById("id_commune");
  var filter = document.getElementById("commune-filter");
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }
  var all = [];
  function remember() {
    all = Array.prototype.map.call(commune.options, function (o) { return { value: o.value, text: o.text, key: fold(o.text) }; });
  }
  function show(query) {
    var key = fold(query.trim()), chosen = commune.value;
    commune.innerHTML = "";
    all.forEach(function (o, i) {
      if (i === 0 || !key || o.key.indexOf(key) !== -1 || o.value === chosen) {
        var option = new Option(o.text, o.value, false, o.value === chosen);
        commune.add(option);
      }
    });
  }
  if (commune && filter) {
    remember();
    filter.hidden = false;
    document.getElementById("commune-filter-hint").hidden = false;
    filter.addEventListener("input", function () { show(filter.value); });
  }
  if (province && commune) {
    province.addEventListener("change", function () {
      fetch(communesUrl + encodeURIComponent(province.value) + "/communes", { headers: { Accept: "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          var first = commune.options[0];
          commune.innerHTML = "";
          commune.add(new Option(first.text, ""));
          data.communes.sort(function (a, b) { return a.name.localeCompare(b.name, "vi"); }).forEach(function (c) {
            commune.add(new Option(c.full_name, c.code));
          });
          remember();
          if (filter) { filter.value = ""; }
        });
    });
  }
  var box = document.getElementById("procedure-search-box"), q = document.getElementById("procedure-q");
  var hits = document.getElementById("procedure-hits"), code = document.getElementById("id_procedure");
  if (box && q && hits && code) {
    box.hidden = false;
    var timer = null;
    q.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var text = q.value.trim();
        hits.innerHTML = "";
        if (text.length < 2) { return; }
        var url = searchUrl + "?limit=5&q=" + encodeURIComponent(text) + (province ? "&province=" + encodeURIComponent(province.value) : "");
        fetch(url, { headers: { Accept: "application/json" } }).then(function (r) { return r.ok ? r.json() : { results: [] }; }).then(function (data) {
          data.results.forEach(function (hit) {
            var li = document.createElement("li"), button = document.createElement("button");
            button.type = "button";
            button.textContent = hit.name + " (" + hit.code + ")";
            button.addEventListener("click", function () { code.value = hit.code; hits.innerHTML = ""; q.value = hit.name; code.focus(); });
            li.appendChild(button);
            hits.appendChild(li);
          });
        });
      }, 250);
    });
  }
})();

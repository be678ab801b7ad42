// TV screen: poll the board's small JSON endpoint every 3 seconds and redraw; a new call flashes its row.
(function () {
  "use strict";
  var root = document.querySelector(".q-tv");
  if (!root) return;
  var url = root.getAttribute("data-board-url");
  var text = window.QUEUE_TEXT || {};
  var seen = {};
  var clock = document.getElementById("q-clock");
  function tick() {
    var d = new Date();
    clock.textContent = String(d.getHours()).padStart(2, "0") + ":" + String(d.getMinutes()).padStart(2, "0");
  }
  function cell(tag, value, cls) {
    var el = document.createElement(tag);
    el.textContent = value;
    if (cls) el.className = cls;
    return el;
  }
  function draw(board) {
    var body = document.getElementById("q-counters");
    var rows = [];
    board.counters.forEach(function (c) {
      var tr = document.createElement("tr");
      tr.setAttribute("data-counter", c.number);
      tr.appendChild(cell("td", (text.counter || "Quầy") + " " + c.number));
      tr.appendChild(cell("td", c.ticket ? c.ticket.number : "—", "num"));
      var key = c.ticket ? c.ticket.number + "@" + c.announced_at : "";
      if (key && seen[c.number] !== undefined && seen[c.number] !== key) tr.className = "fresh";
      seen[c.number] = key;
      rows.push(tr);
    });
    body.replaceChildren.apply(body, rows);
    var next = document.getElementById("q-next");
    var items = board.next.map(function (t) { return cell("li", t.number); });
    if (!items.length) items = [cell("li", text.none || "", "empty")];
    next.replaceChildren.apply(next, items);
    document.getElementById("q-waiting").textContent = board.waiting;
  }
  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (board) { if (board) draw(board); })
      .catch(function () {})
      .finally(function () { setTimeout(poll, 3000); });
  }
  tick(); setInterval(tick, 10000);
  poll();
})();

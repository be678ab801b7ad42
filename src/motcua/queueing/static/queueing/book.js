// Booking form: mark the time slots that are already full for the chosen field and day (the server
// refuses them anyway; this only saves a round trip). Works without it.
(function () {
  "use strict";
  var data = document.getElementById("q-full-slots");
  var slot = document.getElementById("id_slot");
  var day = document.getElementById("id_day");
  if (!data || !slot || !day) return;
  var full = new Set(JSON.parse(data.textContent));
  var word = window.QUEUE_FULL || "";
  Array.prototype.forEach.call(slot.options, function (o) { o.dataset.label = o.textContent; });
  function update() {
    var service = document.querySelector('input[name="service"]:checked');
    Array.prototype.forEach.call(slot.options, function (o) {
      var isFull = !!(o.value && service && full.has(service.value + "|" + day.value + "|" + o.value));
      o.disabled = isFull;
      o.textContent = isFull ? o.dataset.label + " (" + word + ")" : o.dataset.label;
    });
  }
  document.addEventListener("change", function (e) {
    if (e.target === day || e.target.name === "service") update();
  });
  update();
})();

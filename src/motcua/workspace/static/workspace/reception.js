// Counter reception: a scanned chip ID card QR code fills the applicant; a person seen before is
// prefilled from their newest dossier; changing the case reloads the checklist keeping what was typed.
(function () {
  "use strict";
  var script = document.currentScript;
  var personUrl = script && script.dataset.personUrl;
  var form = document.getElementById("reception-form");
  if (!form) return;
  var idField = document.getElementById("applicant_id");

  function fill(values) {
    Object.keys(values).forEach(function (name) {
      var field = form.elements[name];
      if (field && !field.value && values[name]) field.value = values[name];
    });
  }

  function parseQr(text) {
    var parts = text.split("|").map(function (p) { return p.trim(); });
    if (parts.length < 6 || !/^\d{12}$/.test(parts[0])) return null;
    var dob = parts[3];
    var sex = { "nam": "male", "nữ": "female", "nu": "female" }[parts[4].toLowerCase()] || "";
    return {
      applicant_id: parts[0],
      applicant_name: parts[2].replace(/\s+/g, " "),
      applicant_birth_date: /^\d{8}$/.test(dob) ? dob.slice(4) + "-" + dob.slice(2, 4) + "-" + dob.slice(0, 2) : "",
      applicant_sex: sex,
      applicant_address: parts[5]
    };
  }

  function lookUp() {
    var value = idField.value.trim();
    if (value.indexOf("|") >= 0) {
      var card = parseQr(value);
      if (card) { idField.value = card.applicant_id; delete card.applicant_id; fill(card); }
      value = idField.value.trim();
    }
    if (!personUrl || !/^\d{12}$/.test(value)) return;
    fetch(personUrl + "?so=" + encodeURIComponent(value), { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : { found: false }; })
      .then(function (data) { if (data.found) { delete data.found; fill(data); } })
      .catch(function () {});
  }

  if (idField) {
    idField.addEventListener("change", lookUp);
    idField.addEventListener("keydown", function (event) {
      // A scanner types the QR code then Enter: fill the fields instead of submitting.
      if (event.key === "Enter" && idField.value.indexOf("|") >= 0) {
        event.preventDefault();
        lookUp();
        var phone = document.getElementById("applicant_phone");
        if (phone) phone.focus();
      }
    });
  }

  form.querySelectorAll("input[data-reload]").forEach(function (radio) {
    radio.addEventListener("change", function () {
      var params = new URLSearchParams();
      ["procedure", "case", "place", "channel", "return_to", "applicant_name", "applicant_id",
       "applicant_birth_date", "applicant_sex", "applicant_phone", "applicant_email", "applicant_address",
       "commune", "counter", "result_delivery"].forEach(function (name) {
        var field = form.elements[name];
        var value = field && (field.value !== undefined ? field.value : "");
        if (name === "case") value = radio.value;
        if (value) params.set(name, value);
      });
      window.location.search = params.toString();
    });
  });
})();

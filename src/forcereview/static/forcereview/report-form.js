// The report form without page reloads: add and remove rows, keep the officer and subject
// lists of the force rows in step with what is entered above, show the roster name of a
// badge. Without this script the same form works with spare blank rows and "Add another"
// buttons that reload the page.
(function () {
  "use strict";
  var form = document.getElementById("report-form");
  if (!form) { return; }

  var roster = {};
  document.querySelectorAll("#roster option").forEach(function (o) { roster[o.value] = o.label || o.textContent; });

  function section(key) { return form.querySelector('[data-formset="' + key + '"]'); }
  function total(key) { return form.querySelector('input[name="' + key + '-TOTAL_FORMS"]'); }
  function rows(key) { return Array.prototype.slice.call(section(key).querySelectorAll("[data-rows] > [data-row]")); }
  function field(row, name) { return row.querySelector('[name$="-' + name + '"]'); }
  function removed(row) { var d = field(row, "DELETE"); return d && d.checked; }
  function value(row, name) { var f = field(row, name); return f ? f.value.trim() : ""; }

  // -- adding and removing rows -----------------------------------------------------------------

  function nextRef() {
    var used = {};
    rows("subjects").forEach(function (r) { used[value(r, "ref")] = true; });
    for (var n = 1; ; n++) { if (!used["S" + n]) { return "S" + n; } }
  }

  function addRow(key) {
    var box = section(key);
    var counter = total(key);
    var index = parseInt(counter.value, 10) || 0;
    var html = box.querySelector("template[data-row-template]").innerHTML.replace(/__prefix__/g, String(index));
    var holder = document.createElement("div");
    holder.innerHTML = html.trim();
    var row = holder.firstElementChild;
    var label = String(rows(key).length + 1);
    if (key === "subjects") {
      label = nextRef();
      field(row, "ref").value = label;
    }
    row.querySelector("[data-row-number]").textContent = label;
    box.querySelector("[data-rows]").appendChild(row);
    counter.value = String(index + 1);
    wireRow(row);
    refreshChoices();
    var first = row.querySelector(".row-card__body input:not([type=hidden]), .row-card__body select, .row-card__body textarea");
    if (first) { first.focus(); }
    announce(row.querySelector("h3").textContent.trim() + " added.");
  }

  function wireRow(row) {
    var del = field(row, "DELETE");
    if (del) {
      del.addEventListener("change", function () {
        row.classList.toggle("is-removed", del.checked);
        refreshChoices();
        announce(row.querySelector("h3").textContent.trim() + (del.checked ? " will be removed." : " kept."));
      });
    }
    var badge = field(row, "badge");
    if (badge) {
      badge.addEventListener("input", function () { showRosterName(row); refreshChoices(); });
      badge.addEventListener("change", function () { showRosterName(row); refreshChoices(); });
    }
    ["name", "age", "sex"].forEach(function (name) {
      var f = field(row, name);
      if (f && row.closest('[data-formset="subjects"]')) { f.addEventListener("change", refreshChoices); }
    });
  }

  function showRosterName(row) {
    var out = row.querySelector("[data-roster-name]");
    var badge = value(row, "badge");
    if (!out) { return; }
    if (!badge) { out.textContent = ""; }
    else if (roster[badge]) { out.textContent = roster[badge]; }
    else { out.textContent = "No officer with badge #" + badge + " in the agency roster"; }
  }

  // -- the officer and subject choices of each force row ----------------------------------------

  function officerChoices() {
    var seen = {}, out = [];
    rows("officers").forEach(function (r) {
      var badge = value(r, "badge");
      if (!badge || removed(r) || seen[badge]) { return; }
      seen[badge] = true;
      var name = roster[badge] ? roster[badge].split(" · ")[0] : "";
      out.push([badge, "#" + badge + (name ? " " + name : "")]);
    });
    return out;
  }

  function subjectChoices() {
    var out = [];
    rows("subjects").forEach(function (r) {
      var ref = value(r, "ref");
      if (!ref || removed(r)) { return; }
      var parts = [ref];
      var nameField = field(r, "name");
      if (nameField && nameField.value.trim()) { parts.push(nameField.value.trim()); }
      if (value(r, "age")) { parts.push("age " + value(r, "age")); }
      var sex = field(r, "sex");
      if (sex && sex.value && sex.value !== "unknown") { parts.push(sex.options[sex.selectedIndex].text.toLowerCase()); }
      out.push([ref, parts.join(" · ")]);
    });
    return out;
  }

  function fill(select, choices, emptyLabel) {
    if (!select) { return; }
    var current = select.value;
    var known = choices.some(function (c) { return c[0] === current; });
    select.innerHTML = "";
    select.appendChild(new Option(emptyLabel, ""));
    choices.forEach(function (c) { select.appendChild(new Option(c[1], c[0])); });
    if (current && !known) { select.appendChild(new Option(current + " (no longer in the report)", current)); }
    select.value = current;
  }

  function refreshChoices() {
    var officers = officerChoices(), subjects = subjectChoices();
    rows("force").forEach(function (r) {
      fill(field(r, "officer"), officers, "Choose an officer");
      fill(field(r, "subject"), subjects, "Choose a subject");
    });
  }

  // -- a polite live region for what changed -----------------------------------------------------

  var live = document.createElement("p");
  live.className = "visually-hidden";
  live.setAttribute("aria-live", "polite");
  form.appendChild(live);
  function announce(text) { live.textContent = text; }

  form.querySelectorAll("[data-formset]").forEach(function (box) {
    var key = box.getAttribute("data-formset");
    var button = box.querySelector("[data-add]");
    button.addEventListener("click", function (event) { event.preventDefault(); addRow(key); });
    rows(key).forEach(wireRow);
  });
})();

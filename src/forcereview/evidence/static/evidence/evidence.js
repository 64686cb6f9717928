/* Evidence pages: upload with progress, seek the player to a signal, poll task status.
   Everything works without this script except the progress bar and live status. */
(function () {
  "use strict";

  function csrfToken(form) {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function setupUpload(form) {
    var box = form.querySelector(".upload-progress");
    var bar = box.querySelector("progress");
    var status = box.querySelector(".upload-status");
    var results = form.querySelector(".upload-results");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action || window.location.href);
      xhr.setRequestHeader("X-CSRFToken", csrfToken(form));
      xhr.setRequestHeader("Accept", "application/json");
      box.hidden = false;
      results.textContent = "";
      xhr.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) {
          bar.value = Math.round((e.loaded / e.total) * 100);
          status.textContent = "Uploading… " + bar.value + "%";
        }
      });
      xhr.upload.addEventListener("load", function () {
        status.textContent = form.hasAttribute("data-inline-work")
          ? "Checking and storing the files, then transcribing and analysing the recordings…"
          : "Checking and storing the files…";
      });
      xhr.addEventListener("load", function () {
        var data;
        try { data = JSON.parse(xhr.responseText); } catch (err) { data = {stored: [], errors: [{file: "", message: "The server answered " + xhr.status}]}; }
        (data.stored || []).forEach(function (s) {
          var li = document.createElement("li");
          var a = document.createElement("a");
          a.href = s.url; a.textContent = s.name + " stored as evidence #" + s.id;
          li.appendChild(a); results.appendChild(li);
        });
        (data.errors || []).forEach(function (e) {
          var li = document.createElement("li");
          li.className = "error";
          li.textContent = (e.file ? e.file + ": " : "") + e.message + " (nothing stored)";
          results.appendChild(li);
        });
        status.textContent = (data.errors || []).length ? "Some files were refused." : "Done.";
        if ((data.stored || []).length === 1 && !(data.errors || []).length) { window.location.href = data.stored[0].url; }
      });
      xhr.addEventListener("error", function () { status.textContent = "The upload failed (connection lost). Nothing was stored."; });
      xhr.send(new FormData(form));
    });
  }

  function setupSeek() {
    var player = document.getElementById("player");
    if (!player) { return; }
    document.addEventListener("click", function (event) {
      var target = event.target.closest("[data-seek]");
      var strip = event.target.closest("svg.strip");
      var at = null;
      if (target) {
        at = parseFloat(target.getAttribute("data-seek")) || 0;
      } else if (strip) {
        var rect = strip.getBoundingClientRect();
        var duration = parseFloat(strip.getAttribute("data-duration")) || 0;
        at = Math.max(0, (event.clientX - rect.left) / rect.width * duration);
      }
      if (at === null) { return; }
      // The player loads nothing until played (preload="none"); a time set before it has
      // loaded becomes where playback starts.
      player.currentTime = at;
      player.play();
    });
  }

  function setupStatus(card) {
    var url = card.getAttribute("data-status-url");
    var active = card.querySelector("progress") !== null;
    if (!active) { return; }
    var timer = setInterval(function () {
      fetch(url, {headers: {Accept: "application/json"}, credentials: "same-origin"})
        .then(function (r) { return r.json(); })
        .then(function (data) {
          data.jobs.forEach(function (j) {
            var row = card.querySelector('[data-job="' + j.id + '"]');
            if (!row) { return; }
            row.querySelector(".state").textContent = j.state_label;
            row.querySelector(".job-message").textContent = j.message;
            var bar = row.querySelector("progress");
            if (bar) { bar.value = j.progress; }
          });
          if (!data.active) { clearInterval(timer); window.location.reload(); }
        })
        .catch(function () { clearInterval(timer); });
    }, 2000);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-upload]").forEach(setupUpload);
    setupSeek();
    var card = document.getElementById("tasks");
    if (card) { setupStatus(card); }
  });
})();

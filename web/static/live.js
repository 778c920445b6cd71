// Khiw ticket page: live updates by Server-Sent Events, an alert when the number is called.
// Without JavaScript the page refreshes itself (a <noscript> meta refresh) instead.
(function () {
  "use strict";
  var box = document.getElementById("live");
  if (!box || !window.EventSource) return;
  var status = (box.firstElementChild || box).getAttribute("data-status");
  var audio = null;
  var soundButton = document.getElementById("sound");
  if (soundButton && (window.AudioContext || window.webkitAudioContext)) {
    soundButton.hidden = false;
    soundButton.addEventListener("click", function () {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      beep();
      soundButton.hidden = true;
    });
  }
  function beep() {
    if (!audio) return;
    [0, 0.35, 0.7].forEach(function (at) {
      var osc = audio.createOscillator(), gain = audio.createGain();
      osc.frequency.value = 880;
      gain.gain.setValueAtTime(0.3, audio.currentTime + at);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + at + 0.3);
      osc.connect(gain); gain.connect(audio.destination);
      osc.start(audio.currentTime + at); osc.stop(audio.currentTime + at + 0.3);
    });
  }
  function called() {
    beep();
    if (navigator.vibrate) navigator.vibrate([400, 200, 400, 200, 400]);
    document.title = "\u2757 " + document.title;
  }
  var source = new EventSource(box.getAttribute("data-stream"));
  source.addEventListener("state", function (event) {
    var data = JSON.parse(event.data);
    if (data.status !== status) {
      if (data.status === "called") called();
      if (["waiting", "called", "serving"].indexOf(data.status) < 0) {
        // A finished ticket shows more than its status (the survey, the new ticket): reload.
        source.close();
        window.location.replace(box.getAttribute("data-reload"));
        return;
      }
    }
    status = data.status;
    box.innerHTML = data.html;
  });
  // The browser retries a dropped stream by itself, but not one the server refused (a 503
  // while the database restarts): then fall back to what the page does without JavaScript.
  source.addEventListener("error", function () {
    if (source.readyState === EventSource.CLOSED) {
      setTimeout(function () { window.location.replace(box.getAttribute("data-reload")); }, 20000);
    }
  });
})();

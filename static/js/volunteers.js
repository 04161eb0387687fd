// Live places left on an activity page: one socket per shift row, at
// /ws/volunteers/shifts/<id>/. The server always sends numbers from the database.
// Reconnects with back-off (1 s doubling to 30 s); stops on close code 4404.
(function () {
  "use strict";
  if (!("WebSocket" in window)) { return; }
  var cells = document.querySelectorAll("[data-places-left]");
  var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";

  function watch(cell) {
    var id = cell.getAttribute("data-places-left");
    var waiting = document.querySelector("[data-waiting='" + id + "']");
    var delay = 1000;

    function connect() {
      var socket;
      try {
        socket = new WebSocket(scheme + window.location.host + "/ws/volunteers/shifts/" + id + "/");
      } catch (error) { return; }
      socket.onopen = function () { delay = 1000; };
      socket.onmessage = function (event) {
        var data;
        try { data = JSON.parse(event.data); } catch (error) { return; }
        if (!data || data.type !== "places") { return; }
        cell.textContent = String(data.places_left);
        if (waiting) { waiting.textContent = String(data.waiting); }
      };
      socket.onclose = function (event) {
        if (event.code === 4404) { return; }
        window.setTimeout(connect, delay / 2 + Math.random() * (delay / 2));
        delay = Math.min(delay * 2, 30000);
      };
    }
    connect();
  }

  for (var i = 0; i < cells.length; i++) { watch(cells[i]); }
}());

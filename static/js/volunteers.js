// Live places left on an activity page: one socket per shift row, at
// /ws/volunteers/shifts/<id>/. The server always sends numbers from the database.
// Reconnects with back-off through live-socket.js (loaded first); stops on close
// code 4404.
(function () {
  "use strict";
  if (!("WebSocket" in window) || !window.gzLiveSocket) { return; }
  var cells = document.querySelectorAll("[data-places-left]");

  function watch(cell) {
    var id = cell.getAttribute("data-places-left");
    var waiting = document.querySelector("[data-waiting='" + id + "']");
    window.gzLiveSocket({
      url: "/ws/volunteers/shifts/" + id + "/",
      stopCodes: [4404],
      onMessage: function (data) {
        if (data.type !== "places") { return; }
        cell.textContent = String(data.places_left);
        if (waiting) { waiting.textContent = String(data.waiting); }
      },
    });
  }

  for (var i = 0; i < cells.length; i++) { watch(cells[i]); }
}());

// Live unread badge: connects to /ws/notifications/ and reconnects with back-off.
// The server always sends the count from the database, so a reconnect shows the truth.
(function () {
  "use strict";
  var link = document.querySelector("[data-notification-badge]");
  if (!link || !("WebSocket" in window)) { return; }
  var badge = link.querySelector("[data-unread-count]");
  var delay = 1000;
  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + window.location.host + link.getAttribute("data-ws-url"));
    socket.onopen = function () { delay = 1000; document.documentElement.setAttribute("data-ws", "open"); };
    socket.onmessage = function (event) {
      var data = JSON.parse(event.data);
      if (data.type === "unread") { badge.textContent = String(data.count); }
    };
    socket.onclose = function (event) {
      document.documentElement.setAttribute("data-ws", "closed");
      if (event.code === 4401) { return; }
      window.setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    };
  }
  connect();
})();

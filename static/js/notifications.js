// Live unread badge: connects to /ws/notifications/ and keeps the badge true.
// The server always sends the count from the database, so a reconnect shows the truth.
// - reconnects with back-off through live-socket.js (loaded first);
// - when the page becomes visible again it asks for the count (or reconnects at once);
// - stops for good on close code 4401 (signed out).
(function () {
  "use strict";
  var link = document.querySelector("[data-notification-badge]");
  if (!link || !("WebSocket" in window) || !window.gzLiveSocket) { return; }
  var badge = link.querySelector("[data-unread-count]");

  function show(count) {
    if (badge && badge.textContent !== String(count)) {
      badge.textContent = String(count);
    }
  }

  var live = window.gzLiveSocket({
    url: link.getAttribute("data-ws-url"),
    stopCodes: [4401],
    onState: function (state) { document.documentElement.setAttribute("data-ws", state); },
    onMessage: function (data) {
      if (data.type === "unread" && typeof data.count === "number") { show(data.count); }
    },
  });

  function refresh() {
    if (!live.send({ type: "refresh" })) { live.wake(); }
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { refresh(); }
  });
  window.addEventListener("online", refresh);
  window.addEventListener("pageshow", function (event) { if (event.persisted) { refresh(); } });
})();

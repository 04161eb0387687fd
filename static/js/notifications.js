// Live unread badge: connects to /ws/notifications/ and keeps the badge true.
// The server always sends the count from the database, so a reconnect shows the truth.
// - reconnects with exponential back-off (1 s doubling to 30 s, with jitter);
// - when the page becomes visible again it asks for the count (or reconnects at once);
// - stops for good on close code 4401 (signed out).
(function () {
  "use strict";
  var link = document.querySelector("[data-notification-badge]");
  if (!link || !("WebSocket" in window)) { return; }
  var badge = link.querySelector("[data-unread-count]");
  var MIN_DELAY = 1000;
  var MAX_DELAY = 30000;
  var delay = MIN_DELAY;
  var socket = null;
  var timer = null;
  var stopped = false;

  function setState(state) {
    document.documentElement.setAttribute("data-ws", state);
  }

  function show(count) {
    if (badge && badge.textContent !== String(count)) {
      badge.textContent = String(count);
    }
  }

  function scheduleReconnect() {
    if (stopped || timer !== null) { return; }
    var wait = delay / 2 + Math.random() * (delay / 2);
    delay = Math.min(delay * 2, MAX_DELAY);
    timer = window.setTimeout(function () { timer = null; connect(); }, wait);
  }

  function connect() {
    if (stopped) { return; }
    if (socket && (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING)) {
      return;
    }
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    try {
      socket = new WebSocket(scheme + window.location.host + link.getAttribute("data-ws-url"));
    } catch (error) {
      scheduleReconnect();
      return;
    }
    setState("connecting");
    socket.onopen = function () { delay = MIN_DELAY; setState("open"); };
    socket.onmessage = function (event) {
      var data;
      try { data = JSON.parse(event.data); } catch (error) { return; }
      if (data && data.type === "unread" && typeof data.count === "number") { show(data.count); }
    };
    socket.onclose = function (event) {
      socket = null;
      setState("closed");
      if (event.code === 4401) { stopped = true; return; }
      scheduleReconnect();
    };
    socket.onerror = function () { /* onclose follows and schedules the retry */ };
  }

  function refresh() {
    if (stopped) { return; }
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify({ type: "refresh" }));
      return;
    }
    // Coming back to the page: do not wait out the back-off.
    if (timer !== null) { window.clearTimeout(timer); timer = null; }
    delay = MIN_DELAY;
    connect();
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { refresh(); }
  });
  window.addEventListener("online", refresh);
  window.addEventListener("pageshow", function (event) { if (event.persisted) { refresh(); } });
  connect();
})();

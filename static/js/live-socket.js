// One websocket that stays connected: the shared reconnect/back-off of the live
// clients (notifications.js, consultation-live.js, volunteers.js). Load it before them.
//
//   var live = window.gzLiveSocket({
//     url: "/ws/...",                 // site-relative, or a full ws(s):// address
//     onMessage: function (data) {},  // each JSON message (non-JSON is ignored)
//     onState: function (state) {},   // "connecting", "open", "closed" (optional)
//     stopCodes: [4401],              // close codes after which it never reconnects
//   });
//   live.send({type: "refresh"});     // false when not open
//   live.wake();                      // reconnect now (page visible again, back online)
//
// Reconnects with capped exponential back-off: 1 s doubling to 30 s, each wait drawn
// between half and all of the delay (jitter), so many pages do not return at once.
// The servers send a full snapshot from the database on every connect, so a page is
// true again as soon as it has reconnected; nothing is replayed.
//
// While a socket of the page is down for more than a moment (the websocket server or
// the channel layer is away), the page's `[data-live-status]` note (base.html) says
// so; it hides again once every socket is back.
(function () {
  "use strict";
  var MIN_DELAY = 1000;
  var MAX_DELAY = 30000;
  var NOTICE_AFTER = 2500;  // a reconnect quicker than this shows nothing
  var down = 0;
  var noticeTimer = null;

  function note() { return document.querySelector("[data-live-status]"); }

  function showNotice() {
    noticeTimer = null;
    var element = note();
    if (element && down > 0) { element.hidden = false; }
  }

  function socketDown() {
    down += 1;
    if (noticeTimer === null) { noticeTimer = window.setTimeout(showNotice, NOTICE_AFTER); }
  }

  function socketUp() {
    down = Math.max(0, down - 1);
    if (down > 0) { return; }
    if (noticeTimer !== null) { window.clearTimeout(noticeTimer); noticeTimer = null; }
    var element = note();
    if (element) { element.hidden = true; }
  }

  function absolute(url) {
    if (url.indexOf("ws://") === 0 || url.indexOf("wss://") === 0) { return url; }
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    return scheme + window.location.host + url;
  }

  window.gzLiveSocket = function (options) {
    var stopCodes = options.stopCodes || [];
    var onState = options.onState || function () {};
    var delay = MIN_DELAY;
    var socket = null;
    var timer = null;
    var stopped = false;
    var isDown = false;

    function markDown() { if (!isDown) { isDown = true; socketDown(); } }
    function markUp() { if (isDown) { isDown = false; socketUp(); } }

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
      try {
        socket = new WebSocket(absolute(options.url));
      } catch (error) {
        socket = null;
        markDown();
        scheduleReconnect();
        return;
      }
      onState("connecting");
      socket.onopen = function () { delay = MIN_DELAY; markUp(); onState("open"); };
      socket.onmessage = function (event) {
        var data;
        try { data = JSON.parse(event.data); } catch (error) { return; }
        if (data) { options.onMessage(data); }
      };
      socket.onclose = function (event) {
        socket = null;
        onState("closed");
        if (stopCodes.indexOf(event.code) >= 0) { stopped = true; markUp(); return; }
        markDown();
        scheduleReconnect();
      };
      socket.onerror = function () { /* onclose follows and schedules the retry */ };
    }

    function send(message) {
      if (!socket || socket.readyState !== WebSocket.OPEN) { return false; }
      socket.send(JSON.stringify(message));
      return true;
    }

    function wake() {
      if (stopped) { return; }
      // Do not wait out the back-off: the person is looking at the page now.
      if (timer !== null) { window.clearTimeout(timer); timer = null; }
      delay = MIN_DELAY;
      connect();
    }

    connect();
    return { send: send, wake: wake, isOpen: function () { return !!socket && socket.readyState === WebSocket.OPEN; } };
  };
}());

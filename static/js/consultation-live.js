// Live meeting pages (control, participant, projector): one socket at
// /ws/consultation/meetings/<id>/live/?view=...; the server sends the meeting's whole
// state from the database on connect and after every change, so after a reconnect the
// page shows the truth again. Actions are ordinary forms (the pages work without JS).
// Reconnects with back-off through live-socket.js (loaded first); stops on close
// codes 4403/4404.
(function () {
  "use strict";
  var root = document.querySelector("[data-live-meeting]");
  if (!root || !("WebSocket" in window) || !window.gzLiveSocket) { return; }
  var view = root.getAttribute("data-view");
  var lastMotion = null;

  function one(name) { return root.querySelector("[data-live='" + name + "']"); }
  function setText(name, value) {
    var el = one(name);
    if (el && el.textContent !== String(value)) { el.textContent = String(value); }
  }
  function show(el, visible) { if (el) { el.hidden = !visible; } }
  function when(name, visible) {
    var els = root.querySelectorAll("[data-when='" + name + "']");
    for (var i = 0; i < els.length; i++) { els[i].hidden = !visible; }
  }
  function connection(open) {
    var el = one("connection");
    if (el) { el.textContent = el.getAttribute(open ? "data-open" : "data-closed"); }
    document.documentElement.setAttribute("data-ws", open ? "open" : "closed");
  }

  function renderState(state) {
    if (state.item) {
      setText("item-title", state.item.position + ". " + state.item.title);
      setText("item-description", state.item.description || "");
    } else {
      var title = one("item-title");
      if (title) { setText("item-title", title.getAttribute("data-none")); }
      setText("item-description", "");
    }
    var itemEl = one("item-title");
    if (itemEl) { itemEl.setAttribute("data-item", state.item ? String(state.item.id) : ""); }
    var a = state.attendance;
    setText("present", a.present);
    setText("expected", a.expected);
    setText("quorum-needed", a.quorum_needed);
    var q = one("quorum-status");
    if (q) { q.textContent = q.getAttribute(a.quorum_met ? "data-met" : "data-not-met"); }
    renderMotion(state.motion);
    renderQueue(state.queue);
    root.setAttribute("data-state-at", state.at);
  }

  function renderMotion(motion) {
    var panel = one("motion");
    lastMotion = motion;
    show(panel, !!motion);
    if (!motion || !panel) { return; }
    setText("motion-title", motion.title);
    setText("motion-status", motion.status_label);
    setText("turnout", motion.turnout);
    setText("electorate", motion.electorate);
    setText("motion-quorum", motion.quorum_needed);
    var outcome = "";
    if (motion.status === "closed" && motion.valid !== null) {
      outcome = motion.valid ? panel.getAttribute(motion.passed ? "data-passed" : "data-not-passed")
        : panel.getAttribute("data-invalid");
    }
    setText("outcome", outcome ? " · " + outcome : "");
    var body = one("tally");
    if (body) {
      while (body.firstChild) { body.removeChild(body.firstChild); }
      motion.options.forEach(function (option) {
        var row = document.createElement("tr");
        row.setAttribute("data-option", String(option.id));
        var th = document.createElement("th");
        th.scope = "row";
        th.textContent = option.label;
        var td = document.createElement("td");
        td.textContent = option.count === null ? panel.getAttribute("data-hidden-text") : String(option.count);
        row.appendChild(th);
        row.appendChild(td);
        body.appendChild(row);
      });
    }
    panel.setAttribute("data-motion", String(motion.id));
    panel.setAttribute("data-status", motion.status);
  }

  function renderQueue(queue) {
    var list = one("queue");
    if (!list) { return; }
    while (list.firstChild) { list.removeChild(list.firstChild); }
    queue.forEach(function (entry) {
      var li = document.createElement("li");
      li.textContent = entry.name;
      if (entry.speaking) {
        li.appendChild(document.createTextNode(" · "));
        var strong = document.createElement("strong");
        strong.textContent = list.getAttribute("data-speaking");
        li.appendChild(strong);
      }
      list.appendChild(li);
    });
    show(one("queue-empty"), queue.length === 0);
  }

  function renderMe(me) {
    when("checked-in", me.checked_in);
    when("not-checked-in", !me.checked_in);
    when("may-raise", me.checked_in && !me.hand);
    when("hand-raised", !!me.hand);
    var hand = one("hand-status");
    if (hand && me.hand) { hand.textContent = hand.getAttribute("data-" + me.hand); }
    when("voted", me.voted);
    var form = one("vote-form");
    if (!form) { return; }
    var open = lastMotion && lastMotion.status === "open";
    var visible = !!(me.may_vote && open);
    if (visible) {
      var field = one("vote-motion");
      if (field.value !== String(lastMotion.id)) {
        field.value = String(lastMotion.id);
        var box = one("vote-options");
        while (box.firstChild) { box.removeChild(box.firstChild); }
        lastMotion.options.forEach(function (option) {
          var label = document.createElement("label");
          var input = document.createElement("input");
          input.type = lastMotion.max_choices > 1 ? "checkbox" : "radio";
          input.name = "option";
          input.value = String(option.id);
          label.appendChild(input);
          label.appendChild(document.createTextNode(" " + option.label));
          box.appendChild(label);
        });
      }
    }
    form.hidden = !visible;
  }

  function renderRoster(rows) {
    rows.forEach(function (row) {
      var tr = root.querySelector("[data-participant='" + row.id + "']");
      if (!tr) { return; }
      show(tr.querySelector("[data-live='checked-in']"), row.checked_in);
      show(tr.querySelector("[data-live='check-in-form']"), !row.checked_in);
    });
  }

  // The projector's QR code: the token changes every minute, so reload the image.
  var qr = one("qr");
  if (qr && root.getAttribute("data-qr-url")) {
    var base = root.getAttribute("data-qr-url");
    window.setInterval(function () {
      qr.src = base + (base.indexOf("?") >= 0 ? "&" : "?") + "t=" + Date.now();
    }, 30000);
  }

  window.gzLiveSocket({
    url: root.getAttribute("data-ws-url"),
    stopCodes: [4403, 4404],
    onState: function (state) { if (state !== "connecting") { connection(state === "open"); } },
    onMessage: function (data) {
      if (data.type === "state") { renderState(data); }
      else if (data.type === "me" && view === "participant") { renderMe(data); }
      else if (data.type === "roster" && view === "control") { renderRoster(data.participants); }
    },
  });
}());

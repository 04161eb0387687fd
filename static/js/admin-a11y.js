// Accessibility fixes for Wagtail's admin, loaded on every admin page by
// communities/wagtail_hooks.py (issue 15 §5: axe finds no violations in the editor).
// Wagtail renders these parts in React or in its own templates, after load, so the
// page is watched and the fixes applied to whatever appears.
//
// 1. Draftail's editable area (a contenteditable role="textbox") has no accessible
//    name in Wagtail 8: screen readers announce an unnamed text box (axe:
//    aria-input-field-name). Name it by its field's label, the <label for> of the
//    hidden input that Draftail is attached to.
// 2. The sidebar's search and a page's own search (dashboard, explorer) are both
//    unnamed search landmarks, so a screen reader's landmark list shows two
//    identical "search" entries (axe: landmark-unique). Name each by its field's
//    placeholder ("Search", "Search all pages…"), or by the field's label.
(function () {
  "use strict";
  var counter = 0;

  function idOf(element) {
    if (!element.id) { counter += 1; element.id = "gz-a11y-" + counter; }
    return element.id;
  }

  function labelFor(input) {
    if (!input || !input.id) { return null; }
    return document.querySelector("label[for='" + window.CSS.escape(input.id) + "']");
  }

  function nameEditors() {
    var boxes = document.querySelectorAll(
      ".Draftail-Editor [contenteditable='true'][role='textbox']" +
      ":not([aria-label]):not([aria-labelledby])"
    );
    for (var i = 0; i < boxes.length; i++) {
      var wrapper = boxes[i].closest("[data-draftail-editor-wrapper]");
      var input = wrapper && wrapper.parentNode.querySelector("input[type='hidden'][id]");
      var label = labelFor(input);
      if (label) { boxes[i].setAttribute("aria-labelledby", idOf(label)); }
    }
  }

  function nameSearches() {
    var searches = document.querySelectorAll("[role='search']");
    if (searches.length < 2) { return; }
    for (var i = 0; i < searches.length; i++) {
      var form = searches[i];
      if (form.hasAttribute("aria-label") || form.hasAttribute("aria-labelledby")) { continue; }
      var input = form.querySelector("input[type='text'], input[type='search']");
      if (!input) { continue; }
      var label = labelFor(input);
      if (input.placeholder) {
        form.setAttribute("aria-label", input.placeholder);
      } else if (label) {
        form.setAttribute("aria-labelledby", idOf(label));
      }
    }
  }

  function fix() { nameEditors(); nameSearches(); }

  var pending = false;
  function soon() {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () { pending = false; fix(); });
  }

  function start() {
    fix();
    new MutationObserver(soon).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());

// The check-in code page shows a new QR code every minute (codes last three
// minutes). Rather than reloading the whole page (a timed <meta> refresh moves a
// screen reader back to the top and cannot be stopped: WCAG 2.2.1), fetch the page
// and swap in the new code and link only. Without JavaScript, the "Show a new code"
// link does the same by hand.
(function () {
  "use strict";
  var EVERY_MS = 60 * 1000;
  var image = document.querySelector("img[data-check-in-qr]");
  var link = document.querySelector("a[data-check-in-url]");
  if (!image || !link || !window.fetch || !window.DOMParser) { return; }

  function update() {
    window.fetch(window.location.href, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) { return; }
        var fresh = new DOMParser().parseFromString(html, "text/html");
        var newImage = fresh.querySelector("img[data-check-in-qr]");
        var newLink = fresh.querySelector("a[data-check-in-url]");
        if (newImage && newLink) {
          image.src = newImage.getAttribute("src");
          link.href = newLink.getAttribute("href");
        }
      })
      .catch(function () { /* keep the current code; the next try may work */ });
  }

  window.setInterval(update, EVERY_MS);
}());

// The CMS editor of a disclosure (governance/disclosures/editor.py): while the
// category is finance or the item is a 居务 item, the page publishes only through
// the supervision review, so the "Publish" action is hidden and the review
// submission is the way forward.
(function () {
  "use strict";
  function setUp() {
    var form = document.querySelector("form[data-edit-form]") || document.querySelector("#page-edit-form");
    if (!form) return;
    var category = form.querySelector("select[name='category']");
    var juwu = form.querySelector("input[name='is_juwu']");
    var publish = form.querySelector("button[name='action-publish']");
    if (!category || !publish) return;
    var holder = publish.closest("li") || publish;
    function update() {
      var review = category.value === "finance" || (juwu && juwu.checked);
      holder.hidden = review;
      publish.disabled = review;
    }
    category.addEventListener("change", update);
    if (juwu) juwu.addEventListener("change", update);
    update();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();

// The review queue's filters, live: the plain filter links keep working without JavaScript.
(function () {
  "use strict";
  var form = document.querySelector("[data-review-filters]");
  if (!form) return;
  var items = Array.prototype.slice.call(document.querySelectorAll(".rq-item"));
  function apply() {
    var section = form.elements.section.value;
    var unit = form.elements.unit.value;
    var level = form.elements.level ? form.elements.level.value : "";
    var problems = form.elements.problems.checked;
    var shown = 0;
    items.forEach(function (item) {
      var visible = (!section || item.dataset.section === section) &&
        (!unit || item.dataset.unit === unit) && (!level || item.dataset.level === level) && (!problems || item.dataset.problems === "problems");
      item.hidden = !visible;
      if (visible) shown += 1;
    });
    form.elements.shown.value = "显示 " + shown + " / " + items.length + " 篇";
  }
  form.addEventListener("change", apply);
  form.hidden = false;
  apply();
})();

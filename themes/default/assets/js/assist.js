// The reader's display choices: text size (大字版 and the 辅助浏览 toolbar), high contrast, wide line spacing,
// a large pointer and 指读. Loaded in <head> without defer: the classes are on <html> before the first paint,
// so a reader who chose large text never sees the page at the small size first. ES5 syntax for old browsers.
(function () {
  "use strict";
  var root = document.documentElement;
  // One key per choice. The text size keeps the key of the first 大字版 switch ("1" was large), so a reader's
  // earlier choice survives; "2" is the larger size the toolbar adds.
  var CHOICES = {
    size: { key: "sitegen.largeText", values: ["0", "1", "2"] },
    contrast: { key: "sitegen.contrast", values: ["0", "1"], on: "high-contrast" },
    spacing: { key: "sitegen.spacing", values: ["0", "1"], on: "wide-spacing" },
    pointer: { key: "sitegen.pointer", values: ["0", "1"], on: "large-pointer" },
    point: { key: "sitegen.pointRead", values: ["0", "1"], on: "point-read" }
  };
  var state = {};

  function stored(choice) {
    try {
      var value = window.localStorage.getItem(CHOICES[choice].key);
      return CHOICES[choice].values.indexOf(value) > 0 ? value : "0";
    } catch (e) {
      return "0"; // storage blocked (private mode, strict WebView settings): the default
    }
  }

  function store(choice, value) {
    try {
      window.localStorage.setItem(CHOICES[choice].key, value);
    } catch (e) {
      // Not persisted, but the choice still applies on this page.
    }
  }

  // add/remove rather than toggle(name, force): old office browsers ignore the second argument.
  function flag(name, on) {
    if (on) {
      root.classList.add(name);
    } else {
      root.classList.remove(name);
    }
  }

  function apply(choice, value) {
    state[choice] = value;
    if (choice === "size") {
      flag("large-text", value !== "0");
      flag("xlarge-text", value === "2");
    } else {
      flag(CHOICES[choice].on, value === "1");
    }
  }

  // The switches are shown only where this script runs; without JavaScript they would do nothing.
  root.classList.add("has-textsize");
  root.classList.add("has-assist");
  for (var name in CHOICES) {
    if (Object.prototype.hasOwnProperty.call(CHOICES, name)) {
      apply(name, stored(name));
    }
  }

  function sync() {
    var buttons = document.querySelectorAll("[data-textsize-toggle], [data-assist]");
    for (var i = 0; i < buttons.length; i++) {
      var button = buttons[i];
      var choice = button.getAttribute("data-assist") || "size";
      var value = button.getAttribute("data-value");
      var on = button.hasAttribute("data-textsize-toggle")
        ? state.size !== "0"
        : value === null ? state[choice] === "1" : state[choice] === value;
      button.setAttribute("aria-pressed", on ? "true" : "false");
    }
  }

  function choose(button) {
    var choice = button.getAttribute("data-assist") || "size";
    var value = button.getAttribute("data-value");
    if (button.hasAttribute("data-textsize-toggle")) {
      value = state.size === "0" ? "1" : "0";
    } else if (value === null) {
      value = state[choice] === "1" ? "0" : "1";
    }
    apply(choice, value);
    store(choice, value);
    sync();
  }

  document.addEventListener("DOMContentLoaded", function () {
    sync();
    document.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("[data-textsize-toggle], [data-assist]");
      if (button) {
        choose(button);
      }
      // The folded toolbar on phones: open or fold it.
      var fold = event.target.closest && event.target.closest("[data-assist-toggle]");
      if (fold) {
        var open = !root.classList.contains("assist-open");
        flag("assist-open", open);
        fold.setAttribute("aria-expanded", open ? "true" : "false");
      }
    });
  });
  // Another tab changed a choice: follow it.
  window.addEventListener("storage", function (event) {
    for (var choice in CHOICES) {
      if (Object.prototype.hasOwnProperty.call(CHOICES, choice) && event.key === CHOICES[choice].key) {
        apply(choice, CHOICES[choice].values.indexOf(event.newValue) > 0 ? event.newValue : "0");
        sync();
      }
    }
  });
})();

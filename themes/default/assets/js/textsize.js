// Large-text mode (大字版). Loaded in <head> without defer: the class is on <html> before the first paint,
// so a reader who chose large text never sees the page at the small size first.
(function () {
  "use strict";
  var KEY = "sitegen.largeText";
  var root = document.documentElement;

  function stored() {
    try {
      return window.localStorage.getItem(KEY) === "1";
    } catch (e) {
      return false; // storage blocked (private mode, strict WebView settings): the default size
    }
  }

  function store(on) {
    try {
      window.localStorage.setItem(KEY, on ? "1" : "0");
    } catch (e) {
      // Not persisted, but the switch still works on this page.
    }
  }

  // add/remove rather than toggle(name, force): old office browsers ignore the second argument.
  function setLarge(on) {
    if (on) {
      root.classList.add("large-text");
    } else {
      root.classList.remove("large-text");
    }
  }

  // The toggle is shown only where this script runs; without JavaScript it would do nothing.
  root.classList.add("has-textsize");
  setLarge(stored());

  function sync() {
    var on = root.classList.contains("large-text");
    var buttons = document.querySelectorAll("[data-textsize-toggle]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", on ? "true" : "false");
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    sync();
    document.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("[data-textsize-toggle]");
      if (!button) {
        return;
      }
      var on = !root.classList.contains("large-text");
      setLarge(on);
      store(on);
      sync();
    });
  });
  // Another tab changed the setting: follow it.
  window.addEventListener("storage", function (event) {
    if (event.key === KEY) {
      setLarge(event.newValue === "1");
      sync();
    }
  });
})();

// Search page loader, in ES5 so every browser parses it. search.js needs WebAssembly (Pagefind) and modern
// JavaScript (dynamic import, async functions, Unicode property escapes): an older browser, or 360's IE mode,
// would fail on its first line and leave the page blank. Test first; where it cannot run, say so and offer
// the section lists instead.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  var fallback = document.getElementById("search-unsupported");
  if (!form || !fallback) {
    return;
  }

  function capable() {
    var wasm = window.WebAssembly;
    return !!(
      wasm && typeof wasm.instantiate === "function" &&
      typeof Promise === "function" && typeof Promise.allSettled === "function" && // ES2020, as dynamic import
      typeof window.URLSearchParams === "function" &&
      "noModule" in document.createElement("script") &&
      typeof String.prototype.matchAll === "function"
    );
  }

  if (capable()) {
    var script = document.createElement("script");
    script.src = form.getAttribute("data-search-script");
    document.body.appendChild(script);
    return;
  }
  fallback.hidden = false;
  // The query stays in the box, so the reader sees what was asked (search.js would have put it there).
  var match = /[?&]q=([^&#]*)/.exec(window.location.search);
  var input = document.getElementById("search-q");
  if (match && input) {
    try {
      input.value = decodeURIComponent(match[1].replace(/\+/g, " "));
    } catch (e) {
      // A malformed query: leave the box empty.
    }
  }
  var status = document.getElementById("search-status");
  if (status) {
    status.textContent = "您的浏览器版本较旧，无法使用站内搜索。请按栏目浏览，或换用新版浏览器（360 等浏览器请切换到极速模式）。";
  }
})();
